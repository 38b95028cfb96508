/*
 * One HTTP request to the org, as the client describes it to the transport.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type HttpRequest = {
  method: HttpMethod;
  /** path below the instance URL, starting with /services/ */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** a 5xx here is the org's steady answer, not a passing fault (the kit list without namespace, F1): no retry */
  noRetry?: boolean;
};
