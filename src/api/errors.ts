/*
 * API failures as SfErrors: the Salesforce error array `[{errorCode, message}]` becomes the error's name and
 * message, with the HTTP status kept in `data` and a next step in `actions`.
 */
import { Messages, SfError } from '@salesforce/core';
import type { HttpRequest } from './request.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'api');

export type ApiErrorData = { status: number; errorCode: string; method: string; path: string; attempts: number };

const KNOWN_STEPS = new Set([400, 401, 403, 404, 409, 429, 500, 503]);
function nextStep(status: number): string | undefined {
  if (KNOWN_STEPS.has(status)) return messages.getMessage(`nextStep.${status}`);
  return status >= 500 ? messages.getMessage('nextStep.5xx') : undefined;
}

export class ApiError extends SfError<ApiErrorData> {
  public readonly status: number;

  public constructor(message: string, errorCode: string, status: number, req: HttpRequest, attempts: number) {
    const step = nextStep(status);
    super(`${errorCode}: ${message}`, errorCode, step ? [step] : undefined, 1);
    this.status = status;
    this.data = { status, errorCode, method: req.method, path: req.path, attempts };
  }

  public get errorCode(): string {
    return this.name;
  }

  public static async fromResponse(req: HttpRequest, response: Response, attempts = 1): Promise<ApiError> {
    const body = await response.text().catch(() => '');
    let errorCode = `HTTP_${response.status}`;
    let message = body.slice(0, 500) || response.statusText || `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(body) as unknown;
      const first = (Array.isArray(parsed) ? parsed[0] : parsed) as
        | { errorCode?: unknown; message?: unknown }
        | null
        | undefined;
      if (typeof first?.errorCode === 'string' && first.errorCode) errorCode = first.errorCode;
      if (typeof first?.message === 'string' && first.message) message = first.message;
    } catch {
      // not JSON: keep the raw text
    }
    return new ApiError(message, errorCode, response.status, req, attempts);
  }

  public static network(req: HttpRequest, cause: Error, attempts: number): ApiError {
    const reason =
      cause.name === 'TimeoutError'
        ? messages.getMessage('error.TimedOut')
        : ((cause.cause as Error | undefined)?.message ?? cause.message);
    const error = new ApiError(
      messages.getMessage('error.Network', [req.method, req.path, reason, attempts]),
      'NETWORK_ERROR',
      0,
      req,
      attempts
    );
    error.actions = messages.getMessages('error.Network.actions');
    return error;
  }

  public static malformed(req: HttpRequest, status: number): ApiError {
    const error = new ApiError(
      messages.getMessage('error.Malformed', [req.method, req.path]),
      'MALFORMED_RESPONSE',
      status,
      req,
      1
    );
    error.actions = messages.getMessages('error.Malformed.actions');
    return error;
  }
}

/** The request was abandoned because the user interrupted the command (Ctrl-C, SIGTERM). */
export class InterruptedError extends SfError {
  public constructor(req: HttpRequest) {
    super(messages.getMessage('error.Interrupted', [req.method, req.path]), 'Interrupted', undefined, 69);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
