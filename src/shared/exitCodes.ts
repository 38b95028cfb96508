/*
 * Exit codes, as `sf project deploy` uses them.
 */
export const EXIT = { success: 0, failure: 1, usage: 2, partial: 68, inProgress: 69 } as const;
