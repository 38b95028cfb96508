/*
 * A command's output methods, handed to the modules that report on jobs: they print, but do not know the
 * command. The hook gets its own JobUx that writes to stderr, so a metadata deploy's --json stays valid.
 */
export type TableColumn = { key: string; name: string };

export type JobUx = {
  log(text: string): void;
  info(text: string): void;
  warn(text: string): void;
  success(text: string): void;
  table(rows: Array<Record<string, unknown>>, columns: TableColumn[], title?: string): void;
};
