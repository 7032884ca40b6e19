import type { IncomingHttpHeaders } from 'node:http';

/** First value of a header Node may hand us as a string or (for repeated headers) an array. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Freshness lifetime the server granted, in seconds: `Cache-Control: max-age` (s-maxage is for shared caches, and
 * we are a private client), else `Expires` minus `Date`. `no-cache`/`no-store` grant nothing.
 * Polling sooner than this would only fetch the same bytes again.
 */
export function parseCacheMaxAgeS(headers: IncomingHttpHeaders): number | undefined {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  if (/(^|[\s,])no-(cache|store)\b/.test(cacheControl)) return undefined;
  const maxAge = /(?:^|[\s,])max-age\s*=\s*"?(\d+)"?/.exec(cacheControl);
  if (maxAge) return Number(maxAge[1]);
  const expires = Date.parse(headerValue(headers, 'expires') ?? '');
  const date = Date.parse(headerValue(headers, 'date') ?? '');
  if (Number.isFinite(expires) && Number.isFinite(date) && expires > date) return Math.round((expires - date) / 1000);
  return undefined;
}

/**
 * `Retry-After` as seconds from now: either delta-seconds or an HTTP-date. A date is measured against the
 * response's own `Date` header when present, so a skewed server clock does not distort the wait.
 */
export function parseRetryAfterS(headers: IncomingHttpHeaders, nowMs: number): number | undefined {
  const raw = headerValue(headers, 'retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw);
  // An HTTP-date always names a month; without this, Date.parse would read "-5" as the year 5 BC.
  const at = /[a-z]{3}/i.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(at)) return undefined;
  const serverNow = Date.parse(headerValue(headers, 'date') ?? '');
  const reference = Number.isFinite(serverNow) ? serverNow : nowMs;
  return Math.max(0, Math.ceil((at - reference) / 1000));
}
