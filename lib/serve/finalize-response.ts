import { isNotModified } from './conditional-request.ts';
import type { ApiRequest, ApiResponse } from './http-types.ts';
import { negotiateEncoding } from './negotiate-encoding.ts';
import { CORS_HEADERS, type PreparedResponse } from './prepared-response.ts';

/**
 * HTTP semantics shared by every route: 304 for a matching validator, content coding, HEAD. The header sets
 * themselves are computed once per representation (prepared-response.ts). Nothing here reads the clock, so the
 * same data always yields the same response.
 */

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

export function finalizeResponse(request: ApiRequest, prepared: PreparedResponse): ApiResponse {
  const variant = prepared.variant(negotiateEncoding(request.headers['accept-encoding']));
  if (isNotModified(request.headers, prepared)) return { status: 304, headers: variant.notModifiedHeaders };
  if (request.method.toUpperCase() === 'HEAD')
    return { status: prepared.representation.status, headers: variant.headers };
  return {
    status: prepared.representation.status,
    headers: variant.headers,
    body: variant.bytes,
    lambdaBody: variant.lambdaBody,
  };
}

/** CORS preflight: any origin may GET/HEAD with the conditional-request headers. */
export function preflightResponse(request: ApiRequest): ApiResponse {
  const requested = request.headers['access-control-request-headers'];
  const allowHeaders =
    requested && /^[A-Za-z0-9\-, ]{1,500}$/.test(requested) ? requested : 'If-None-Match, If-Modified-Since';
  return {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      allow: ALLOWED_METHODS,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '86400',
      'cache-control': 'public, max-age=86400',
      vary: 'Access-Control-Request-Headers',
    },
  };
}
