import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './state.js';

/** What a route handler gets. */
export type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  state: EmulatorState;
  url: URL;
  /** API version from /services/data/vXX.X/..., when the path has one */
  apiVersion?: number;
  rawBody: Buffer;
  /** parsed JSON body; undefined when there was none */
  body: unknown;
  /** true when a body was sent but is not valid JSON */
  badJson: boolean;
  baseUrl: string;
};

export type Handler = (ctx: RouteContext, match: RegExpExecArray) => void | Promise<void>;

export type Route = {
  method: string;
  pattern: RegExp;
  /** lowest API version that has this resource (docs/api-notes.md §2) */
  minVersion?: number;
  handler: Handler;
};

export class HttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly errorCode: string,
    message: string
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(body));
}

/**
 * A JSON answer of a named resource, after the contract test's mutations for it: `path` is dotted, with `[]` for
 * every element of an array (`dataKitDetails[].components[].componentType`, or `[].outputValues` for a root array).
 */
export function respond(ctx: RouteContext, resource: string, status: number, body?: unknown): void {
  const mutations = ctx.state.mutations.filter((m) => m.resource === resource);
  if (body === undefined || mutations.length === 0) return sendJson(ctx.res, status, body);
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  for (const m of mutations) mutate(copy, m.path.split('.').filter(Boolean), m.action);
  sendJson(ctx.res, status, copy);
}

function mutate(node: unknown, path: string[], action: 'drop' | 'null'): void {
  if (node === null || typeof node !== 'object' || path.length === 0) return;
  const [head, ...rest] = path;
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  const target = key === '' ? node : (node as Record<string, unknown>)[key];
  if (each) {
    if (Array.isArray(target)) for (const item of target) mutate(item, rest, action);
    return;
  }
  if (rest.length > 0) return mutate(target, rest, action);
  if (!(key in (node as Record<string, unknown>))) return;
  if (action === 'drop') delete (node as Record<string, unknown>)[key];
  else (node as Record<string, unknown>)[key] = null;
}

/** Salesforce REST error body: an array of {errorCode, message}. */
export function sendError(res: ServerResponse, status: number, errorCode: string, message: string): void {
  sendJson(res, status, [{ errorCode, message }]);
}

export function sendXml(res: ServerResponse, status: number, body: string): void {
  // jsforce parses a SOAP reply only when the content type is text/xml
  res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
  res.end(body);
}

/** Throws a 400 unless the body is a JSON object. */
export function requireObjectBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.badJson) throw new HttpError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
  if (ctx.body === undefined || ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw new HttpError(400, 'INVALID_INPUT', 'A JSON object request body is required.');
  }
  return ctx.body as Record<string, unknown>;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
