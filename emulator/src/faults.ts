/*
 * Fault switches applied before routing. Each consumes itself: `count` requests are affected.
 */
import type { ServerResponse } from 'node:http';
import { sendError } from './http.js';
import type { EmulatorState } from './state.js';

/** Decrements the first matching countdown and tells whether it fired. */
function take<T extends { count: number; pathIncludes?: string; method?: string }>(
  list: T[],
  path: string,
  method?: string
): T | undefined {
  const hit = list.find(
    (f) => f.count > 0 && (!f.pathIncludes || path.includes(f.pathIncludes)) && (!f.method || f.method === method)
  );
  if (hit) hit.count -= 1;
  return hit;
}

/** Returns true when a fault answered (or dropped) the request. */
export function applyFaults(state: EmulatorState, path: string, res: ServerResponse, method?: string): boolean {
  const f = state.faults;
  if (take(f.reset, path)) {
    res.socket?.destroy();
    return true;
  }
  const transient = take(f.transient, path, method);
  if (transient) {
    const headers: Record<string, string> = { 'content-type': 'application/json;charset=UTF-8' };
    if (transient.retryAfterSeconds !== undefined) headers['retry-after'] = String(transient.retryAfterSeconds);
    res.writeHead(transient.status, headers);
    const code =
      transient.status === 429
        ? 'REQUEST_LIMIT_EXCEEDED'
        : transient.status === 503
          ? 'SERVER_UNAVAILABLE'
          : 'UNKNOWN_EXCEPTION';
    res.end(JSON.stringify([{ errorCode: code, message: `emulated ${transient.status}` }]));
    return true;
  }
  if (f.sessionExpired && path.startsWith('/services/data')) {
    sendError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    return true;
  }
  if (take(f.malformed, path)) {
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    res.end('{"dataKitDetails":[{"developerName":"trunc');
    return true;
  }
  if (f.noDataCloud && path.includes('/ssot/')) {
    sendError(res, 404, 'NOT_FOUND', 'The requested resource does not exist');
    return true;
  }
  return false;
}
