/*
 * HTTP for the Data Kit client. We call fetch ourselves rather than Connection.request because we need what
 * jsforce hides: the HTTP status (404 kit vs 404 Data Cloud), Retry-After on 429, and a count of requests for
 * the benchmark. Authentication still comes from the sf org (`--target-org`): token and refresh are the
 * Connection's, and the token never leaves this module.
 */
import { retryBaseMs } from '../shared/env.js';
import { interruptSignal, sleep } from '../shared/interrupt.js';
import { ApiError, InterruptedError } from './errors.js';
import type { HttpRequest } from './request.js';

export type TransportAuth = {
  instanceUrl: string;
  accessToken(): string | undefined;
  /** refreshes the session through sf's auth; rejects when it cannot */
  refresh(): Promise<void>;
};

/** `timeoutMs` bounds one request, `totalMs` all attempts of one call together. */
export type RetryPolicy = {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  totalMs: number;
};

/** 4 retries, doubling from 0.5 s (SF_DATAKIT_RETRY_BASE_MS) to 8 s; 2 minutes a request, 5 minutes a call. */
export const defaultRetryPolicy = (): RetryPolicy => ({
  retries: 4,
  baseDelayMs: retryBaseMs(),
  maxDelayMs: 8000,
  timeoutMs: 120_000,
  totalMs: 300_000,
});

/** What one attempt ends with. */
type Attempt<T> = { value: T | undefined } | { unauthorized: Response } | { error: Error; retryIn: number };
const NEVER = Number.POSITIVE_INFINITY;

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** statuses that mean the server did not start the work, so even a POST may be sent again */
const REJECTED_BEFORE_WORK = new Set([429, 503]);

export class HttpTransport {
  public requestCount = 0;
  private readonly base: string;

  public constructor(
    private readonly auth: TransportAuth,
    private readonly policy: RetryPolicy = defaultRetryPolicy()
  ) {
    this.base = auth.instanceUrl.replace(/\/+$/, '');
  }

  public async request<T>(req: HttpRequest): Promise<T | undefined> {
    const deadline = Date.now() + this.policy.totalMs;
    let refreshed = false;
    // attempts follow each other: a retry waits for the one before it
    for (let attempt = 0; ; attempt++) {
      const interrupt = interruptSignal();
      const outcome = await this.attempt<T>(req, attempt, interrupt, deadline);
      if ('value' in outcome) return outcome.value;
      if ('unauthorized' in outcome) {
        // one session refresh through sf's auth, then the same request again
        if (refreshed) throw await ApiError.fromResponse(req, outcome.unauthorized);
        refreshed = true;
        await this.auth.refresh().catch(async () => {
          throw await ApiError.fromResponse(req, outcome.unauthorized);
        });
        continue;
      }
      // a retry is only worth it when it can still happen before the call's deadline
      const mayRetry = attempt < this.policy.retries && Date.now() + outcome.retryIn < deadline && !interrupt?.aborted;
      if (!mayRetry) throw outcome.error;
      await sleep(outcome.retryIn, interrupt);
    }
  }

  /** One attempt: the answer, a 401, or the error with how long to wait before trying again. */
  private async attempt<T>(
    req: HttpRequest,
    attempt: number,
    interrupt: AbortSignal | undefined,
    deadline: number
  ): Promise<Attempt<T>> {
    let response: Response;
    try {
      response = await this.send(req, interrupt, deadline);
    } catch (e) {
      if (interrupt?.aborted) throw new InterruptedError(req);
      // connection reset, refused or timed out: safe to repeat only for reads
      const error = ApiError.network(req, e as Error, attempt + 1);
      return { error, retryIn: req.method === 'GET' ? this.backoff(attempt) : NEVER };
    }
    if (response.status === 401) return { unauthorized: response };
    if (!response.ok) {
      const retryable =
        !(req.noRetry && response.status >= 500) &&
        RETRYABLE_STATUS.has(response.status) &&
        (req.method === 'GET' || REJECTED_BEFORE_WORK.has(response.status));
      const retryIn = retryAfter(response) ?? this.backoff(attempt);
      return { error: await ApiError.fromResponse(req, response, attempt + 1), retryIn: retryable ? retryIn : NEVER };
    }
    return this.readBody<T>(req, response, attempt, interrupt);
  }

  private async readBody<T>(
    req: HttpRequest,
    response: Response,
    attempt: number,
    interrupt: AbortSignal | undefined
  ): Promise<Attempt<T>> {
    let body: string;
    try {
      body = await response.text();
    } catch (e) {
      if (interrupt?.aborted) throw new InterruptedError(req);
      throw ApiError.network(req, e as Error, attempt + 1);
    }
    if (body.trim() === '') return { value: undefined };
    try {
      return { value: JSON.parse(body) as T };
    } catch {
      const error = ApiError.malformed(req, response.status);
      return req.method === 'GET'
        ? { error, retryIn: this.backoff(attempt) }
        : { error, retryIn: Number.POSITIVE_INFINITY };
    }
  }

  /** One request; it ends by its own timeout or by the call's deadline, whichever comes first (body included). */
  private send(req: HttpRequest, interrupt: AbortSignal | undefined, deadline: number): Promise<Response> {
    const url = new URL(this.base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    this.requestCount += 1;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'sf-datakit-plugin' };
    const token = this.auth.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(Math.max(1, Math.min(this.policy.timeoutMs, deadline - Date.now())));
    return fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: interrupt ? AbortSignal.any([timeout, interrupt]) : timeout,
    });
  }

  private backoff(attempt: number): number {
    return Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** attempt);
  }
}

/** Retry-After in seconds (or an HTTP date), capped so a hostile value cannot stall a pipeline. */
function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, Math.min(ms, 60_000)) : undefined;
}
