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
    for (let attempt = 0; ; attempt++) {
      const interrupt = interruptSignal();
      // a retry is only worth it when it can still happen before the call's deadline
      const mayRetry = (delay: number): boolean =>
        attempt < this.policy.retries && Date.now() + delay < deadline && !interrupt?.aborted;
      let response: Response;
      try {
        // eslint-disable-next-line no-await-in-loop -- attempts are sequential by design
        response = await this.send(req, interrupt);
      } catch (e) {
        if (interrupt?.aborted) throw new InterruptedError(req);
        // connection reset, refused or timed out: safe to repeat only for reads
        const delay = this.backoff(attempt);
        if (req.method === 'GET' && mayRetry(delay)) {
          // eslint-disable-next-line no-await-in-loop
          await sleep(delay, interrupt);
          continue;
        }
        throw ApiError.network(req, e as Error, attempt + 1);
      }
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        try {
          // eslint-disable-next-line no-await-in-loop
          await this.auth.refresh();
        } catch {
          // eslint-disable-next-line no-await-in-loop
          throw await ApiError.fromResponse(req, response);
        }
        continue;
      }
      const retryable =
        RETRYABLE_STATUS.has(response.status) && (req.method === 'GET' || REJECTED_BEFORE_WORK.has(response.status));
      const delay = this.retryAfter(response) ?? this.backoff(attempt);
      if (retryable && mayRetry(delay)) {
        // eslint-disable-next-line no-await-in-loop
        await response.body?.cancel();
        // eslint-disable-next-line no-await-in-loop
        await sleep(delay, interrupt);
        continue;
      }
      // eslint-disable-next-line no-await-in-loop
      if (!response.ok) throw await ApiError.fromResponse(req, response, attempt + 1);
      let body: string;
      try {
        // eslint-disable-next-line no-await-in-loop
        body = await response.text();
      } catch (e) {
        if (interrupt?.aborted) throw new InterruptedError(req);
        throw ApiError.network(req, e as Error, attempt + 1);
      }
      if (body.trim() === '') return undefined;
      try {
        return JSON.parse(body) as T;
      } catch {
        if (req.method === 'GET' && mayRetry(this.backoff(attempt))) {
          // eslint-disable-next-line no-await-in-loop
          await sleep(this.backoff(attempt), interrupt);
          continue;
        }
        throw ApiError.malformed(req, response.status);
      }
    }
  }

  private send(req: HttpRequest, interrupt: AbortSignal | undefined): Promise<Response> {
    const url = new URL(this.base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    this.requestCount += 1;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'sf-datakit-plugin' };
    const token = this.auth.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
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

  /** Retry-After in seconds (or an HTTP date), capped so a hostile value cannot stall a pipeline. */
  private retryAfter(response: Response): number | undefined {
    const header = response.headers.get('retry-after');
    if (!header) return undefined;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return Number.isFinite(ms) ? Math.max(0, Math.min(ms, 60_000)) : undefined;
  }
}
