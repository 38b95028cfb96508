/*
 * API failures as SfErrors: the Salesforce error array `[{errorCode, message}]` becomes the error's name and
 * message, with the HTTP status kept in `data` and a next step in `actions`.
 */
import { SfError } from '@salesforce/core';
import type { HttpRequest } from './transport.js';

export type ApiErrorData = { status: number; errorCode: string; method: string; path: string; attempts: number };

const NEXT_STEP: Record<number, string> = {
  400: 'Check the names and values you passed; the message above says which one the org rejected.',
  401: 'Your session is no longer valid. Log in again with "sf org login web" (or "sf org login access-token") and rerun the command.',
  403: 'Your user needs the "Data Cloud Architect" (Data 360 Architect) permission set in this org.',
  404: 'Check the name, or run "sf datakit list" to see the kits in this org.',
  409: 'Another deployment of this kit is running. Watch it with "sf datakit deploy report --use-most-recent" and retry when it ends.',
  429: 'The org is rate limiting requests. Wait a minute and rerun the command.',
  500: 'The org had an internal error. Rerun the command; if it keeps failing, open a case with Salesforce Support quoting the message.',
  503: 'The org is temporarily unavailable. Rerun the command in a few minutes.',
};
const SERVER_ERROR = 'The org or a gateway in front of it failed. Rerun the command in a few minutes.';
const nextStep = (status: number): string | undefined => NEXT_STEP[status] ?? (status >= 500 ? SERVER_ERROR : undefined);

export class ApiError extends SfError<ApiErrorData> {
  public static async fromResponse(req: HttpRequest, response: Response, attempts = 1): Promise<ApiError> {
    const text = await response.text().catch(() => '');
    let errorCode = `HTTP_${response.status}`;
    let message = text.slice(0, 500) || response.statusText || `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(text) as unknown;
      const first = (Array.isArray(parsed) ? parsed[0] : parsed) as { errorCode?: string; message?: string } | undefined;
      if (first?.errorCode) errorCode = first.errorCode;
      if (first?.message) message = first.message;
    } catch {
      // not JSON: keep the raw text
    }
    return new ApiError(message, errorCode, response.status, req, attempts);
  }

  public static network(req: HttpRequest, cause: Error, attempts: number): ApiError {
    const reason = cause.name === 'TimeoutError' ? 'timed out' : (cause.cause as Error | undefined)?.message ?? cause.message;
    const error = new ApiError(
      `Could not reach the org (${req.method} ${req.path}): ${reason} after ${attempts} attempt(s).`,
      'NETWORK_ERROR',
      0,
      req,
      attempts
    );
    error.actions = ['Check your network connection and the org URL ("sf org display"), then rerun the command.'];
    return error;
  }

  public static malformed(req: HttpRequest, status: number): ApiError {
    const error = new ApiError(`The org answered ${req.method} ${req.path} with a response that is not valid JSON.`, 'MALFORMED_RESPONSE', status, req, 1);
    error.actions = ['This is usually a temporary problem in the org or a proxy. Rerun the command.'];
    return error;
  }

  public constructor(message: string, errorCode: string, public readonly status: number, req: HttpRequest, attempts: number) {
    const step = nextStep(status);
    super(`${errorCode}: ${message}`, errorCode, step ? [step] : undefined, 1);
    this.data = { status, errorCode, method: req.method, path: req.path, attempts };
  }

  public get errorCode(): string {
    return this.name;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
