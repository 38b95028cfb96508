/*
 * One shape for what a check finds before anything changes: deploy --dry-run's plan problems, validate's source
 * and org problems, promote's conflicts. Errors stop (exit 1, or a promotion without --force); warnings inform.
 */
export type Finding = {
  severity: 'error' | 'warning';
  /** which check found it: a stable word scripts can branch on (orphan, busy, missingDependency, ...) */
  check: string;
  message: string;
  kit?: string;
  component?: string;
  file?: string;
};

export const errorsIn = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');
