/*
 * HTTP for the Data Kit client. We call fetch ourselves rather than Connection.request because we need what
 * jsforce hides: the HTTP status (404 kit vs 404 Data Cloud), Retry-After on 429, and a count of requests for
 * the benchmark. Authentication still comes from the sf org (`--target-org`): token and refresh are the
 * Connection's, and the token never leaves this module.
 */
import { ApiError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type HttpRequest = {
  method: HttpMethod;
  /** path below the instance URL, starting with /services/ */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
};

export type TransportAuth = {
  instanceUrl: string;
  accessToken(): string | undefined;
  /** refreshes the session through sf's auth; rejects when it cannot */
  refresh(): Promise<void>;
};

export type RetryPolicy = { retries: number; baseDelayMs: number; maxDelayMs: number; timeoutMs: number };

/** 4 retries, 0.5 s doubling to 8 s; SF_DATAKIT_RETRY_BASE_MS shortens the first delay (tests). */
export const DEFAULT_RETRY: RetryPolicy = {
  retries: 4,
  baseDelayMs: Number(process.env.SF_DATAKIT_RETRY_BASE_MS ?? 500),
  maxDelayMs: 8000,
  timeoutMs: 120_000,
};

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** statuses that mean the server did not start the work, so even a POST may be sent again */
const REJECTED_BEFORE_WORK = new Set([429, 503]);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpTransport {
  public requestCount = 0;
  private readonly base: string;

  public constructor(private readonly auth: TransportAuth, private readonly policy: RetryPolicy = DEFAULT_RETRY) {
    this.base = auth.instanceUrl.replace(/\/+$/, '');
  }

  public async request<T>(req: HttpRequest): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.send(req);
      } catch (e) {
        // connection reset, refused or timed out: safe to repeat only for reads
        if (req.method === 'GET' && attempt < this.policy.retries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw ApiError.network(req, e as Error, attempt + 1);
      }
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        try {
          await this.auth.refresh();
        } catch {
          throw await ApiError.fromResponse(req, response);
        }
        continue;
      }
      const retryable = RETRYABLE_STATUS.has(response.status) && (req.method === 'GET' || REJECTED_BEFORE_WORK.has(response.status));
      if (retryable && attempt < this.policy.retries) {
        await response.body?.cancel();
        await sleep(this.retryAfter(response) ?? this.backoff(attempt));
        continue;
      }
      if (!response.ok) throw await ApiError.fromResponse(req, response, attempt + 1);
      const text = await response.text();
      if (text.trim() === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        if (req.method === 'GET' && attempt < this.policy.retries) {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw ApiError.malformed(req, response.status);
      }
    }
  }

  private async send(req: HttpRequest): Promise<Response> {
    const url = new URL(this.base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    this.requestCount += 1;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'sf-datakit-plugin' };
    const token = this.auth.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(this.policy.timeoutMs),
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
