import { isNotModified } from './conditional-request.ts';
import type { ApiRequest, ApiResponse } from './http-types.ts';
import { negotiateEncoding } from './negotiate-encoding.ts';
import type { PreparedResponse } from './prepared-response.ts';

/**
 * HTTP semantics shared by every route: validators, 304, content coding, HEAD, CORS and hardening headers.
 * Nothing here reads the clock, so the same data always yields the same response.
 */

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** Readable cross-origin: feeds are public; ETag and Link must be exposed for conditional polling and paging. */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Link, Content-Length',
} as const;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The index page has only inline CSS; feeds opened in a browser must not run anything either.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
  'referrer-policy': 'no-referrer',
} as const;

export function finalizeResponse(request: ApiRequest, prepared: PreparedResponse): ApiResponse {
  const { representation } = prepared;
  const cacheable = representation.status === 200;
  const { coding, bytes } = prepared.encoded(
    cacheable ? negotiateEncoding(request.headers['accept-encoding']) : 'identity',
  );
  const validators: Record<string, string> = {};
  if (cacheable) {
    validators.etag = `"${prepared.tag}${coding === 'identity' ? '' : `-${coding}`}"`;
    if (prepared.lastModifiedHttp) validators['last-modified'] = prepared.lastModifiedHttp;
  }
  const common = {
    ...CORS_HEADERS,
    ...SECURITY_HEADERS,
    'cache-control': representation.cacheControl,
    vary: 'Accept-Encoding',
    ...validators,
    ...representation.headers,
  };
  if (cacheable && isNotModified(request.headers, prepared)) return { status: 304, headers: common };
  const headers = {
    ...common,
    'content-type': representation.contentType,
    'content-length': String(bytes.length),
    ...(coding === 'identity' ? {} : { 'content-encoding': coding }),
  };
  const isHead = request.method.toUpperCase() === 'HEAD';
  return { status: representation.status, headers, body: isHead ? undefined : bytes };
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
