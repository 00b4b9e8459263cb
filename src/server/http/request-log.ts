import type { FastifyRequest } from 'fastify';
import { maskDigitRuns } from '../common/masking';

/**
 * A URL as logged: its query may carry an ID number, phone or account (a search), masked here — decoded
 * first, so that percent-encoded digits and separators (full-width ones included) are seen as typed.
 */
export function maskedUrl(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at + 1) + maskDigitRuns(decodedQuery(url.slice(at + 1)));
}

function decodedQuery(query: string): string {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query; // malformed escapes: masked as they are
  }
}

/** Fastify's default `req` log serializer, with the URL's query masked. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: maskedUrl(request.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
