/*
 * The follow-up commands messages tell the user to type for a job, spelled once.
 */
export const resumeCommand = (jobId: string, orgName: string): string =>
  `sf datakit deploy resume --job-id ${jobId} --target-org ${orgName}`;

export const reportCommand = (jobId: string, orgName: string, extra = ''): string =>
  `sf datakit deploy report --job-id ${jobId} --target-org ${orgName}${extra}`;
