import { err, ok, type Result } from '../result.ts';
import { headerValue, parseCacheMaxAgeS, parseRetryAfterS } from './cache-headers.ts';
import { decodeText } from './decode-text.ts';
import type { FetchError } from './fetch-error.ts';
import { defaultFetchOptions, FEED_ACCEPT, type FetchOptions, resolveFetchOptions } from './fetch-options.ts';
import { type HopResponse, requestHop } from './request-hop.ts';
import { sniffHtmlPage } from './sniff-html-page.ts';

export type { FetchError } from './fetch-error.ts';
export { defaultFetchOptions, type FetchOptions } from './fetch-options.ts';

export interface FetchRequest {
  readonly url: string;
  /** Validators stored from the previous successful fetch; sent as If-None-Match / If-Modified-Since. */
  readonly etag?: string;
  readonly lastModified?: string;
}

interface OutcomeCommon {
  /** The URL that finally answered, after every redirect. */
  readonly finalUrl: string;
  /** Set when the chain from the stored URL began with 301/308 hops: the caller should store this URL instead. */
  readonly movedPermanentlyTo?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Freshness the server granted (Cache-Control max-age, else Expires − Date): a floor for the next poll. */
  readonly cacheMaxAgeS?: number;
}

export type FetchOutcome =
  | (OutcomeCommon & { readonly kind: 'not-modified' })
  | (OutcomeCommon & {
      readonly kind: 'fetched';
      readonly status: number;
      /** The body decoded to a JS string; any XML prolog `encoding=` in it no longer applies. */
      readonly text: string;
      readonly contentType?: string;
      /** Body size after decompression. */
      readonly bytes: number;
      /** The charset used and, when we had to second-guess a declaration, why (worth a health note). */
      readonly charset: string;
      readonly charsetNote?: string;
    });

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

/** Drops undefined fields so outcomes marshal cleanly into DynamoDB and compare cleanly in tests. */
const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function parseFetchableUrl(text: string, context: string): Result<URL, FetchError> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err({ kind: 'invalid-url', message: `${context} is not a valid URL: ${text}`, url: text });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err({ kind: 'invalid-url', message: `${context} uses unsupported scheme ${url.protocol}`, url: text });
  }
  return ok(url);
}

/**
 * Fetches one feed politely and defensively: conditional GET, redirects followed by hand (each hop re-checked by
 * the SSRF guard), one time budget and one byte cap for the whole exchange, and the body decoded to text.
 */
export async function fetchFeed(
  request: FetchRequest,
  options: Partial<FetchOptions> = defaultFetchOptions,
): Promise<Result<FetchOutcome, FetchError>> {
  const settings = resolveFetchOptions(options);
  const start = parseFetchableUrl(request.url, 'feed URL');
  if (!start.ok) return start;
  const signal = AbortSignal.timeout(settings.timeoutMs);
  const headers: Record<string, string> = {
    'user-agent': settings.userAgent,
    accept: FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;

  let current = start.value;
  const visited = new Set([current.href]);
  let movedPermanentlyTo: string | undefined;
  let stillPermanent = true;
  for (let redirects = 0; ; redirects++) {
    const hop = await requestHop({
      url: current,
      headers,
      maxBytes: settings.maxBytes,
      timeoutMs: settings.timeoutMs,
      signal,
      allowPrivateHosts: settings.allowPrivateHosts ?? [],
    });
    if (!hop.ok) return hop;
    const { status } = hop.value;
    if (!REDIRECTS.has(status)) return interpret(hop.value, current.href, movedPermanentlyTo, request);

    const url = current.href;
    const location = headerValue(hop.value.headers, 'location');
    if (!location) return err({ kind: 'bad-redirect', message: `${status} without a Location header`, url, status });
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      return err({ kind: 'bad-redirect', message: `${status} to an invalid Location: ${location}`, url, status });
    }
    const next = parseFetchableUrl(target.href, 'redirect target');
    if (!next.ok) return next;
    if (redirects >= settings.maxRedirects) {
      const message = `more than ${settings.maxRedirects} redirects (last to ${target.href})`;
      return err({ kind: 'too-many-redirects', message, url, maxRedirects: settings.maxRedirects });
    }
    if (visited.has(target.href)) {
      return err({ kind: 'redirect-loop', message: `redirect loop: ${target.href} was already visited`, url });
    }
    // Only an unbroken run of permanent hops from the stored URL may replace it: after a 302 the rest is temporary.
    stillPermanent &&= PERMANENT.has(status);
    if (stillPermanent) movedPermanentlyTo = target.href;
    visited.add(target.href);
    current = next.value;
  }
}

function interpret(
  response: HopResponse,
  url: string,
  movedPermanentlyTo: string | undefined,
  request: FetchRequest,
): Result<FetchOutcome, FetchError> {
  const { status, headers } = response;
  const common = {
    finalUrl: url,
    movedPermanentlyTo,
    etag: headerValue(headers, 'etag'),
    lastModified: headerValue(headers, 'last-modified'),
    cacheMaxAgeS: parseCacheMaxAgeS(headers),
  };
  if (status === 304) {
    // A 304 may omit validators; the ones we sent are still the current ones.
    const etag = common.etag ?? request.etag;
    const lastModified = common.lastModified ?? request.lastModified;
    return ok(compact({ kind: 'not-modified', ...common, etag, lastModified }));
  }
  const retryAfterS = parseRetryAfterS(headers, Date.now());
  if (status === 429 || (status === 503 && retryAfterS !== undefined)) {
    const wait = retryAfterS === undefined ? '' : `; retry after ${retryAfterS} s`;
    return err(compact({ kind: 'rate-limited', message: `HTTP ${status}${wait}`, url, status, retryAfterS }));
  }
  if (status === 410)
    return err({ kind: 'gone', message: 'HTTP 410 Gone: the publisher removed this feed', url, status });
  if (status < 200 || status >= 300 || !response.body) {
    return err({ kind: 'http-status', message: `HTTP ${status}`, url, status });
  }
  const contentType = headerValue(headers, 'content-type');
  const decoded = decodeText(response.body, contentType);
  const page = sniffHtmlPage(decoded.text, url);
  if (page) {
    const found = page.discoveredFeedUrls;
    const hint = found.length ? `; it advertises ${found.join(', ')}` : '; it advertises no feed';
    return err({ kind: 'not-a-feed', message: `got an HTML page, not a feed${hint}`, url, discoveredFeedUrls: found });
  }
  return ok(
    compact({
      kind: 'fetched',
      status,
      ...common,
      text: decoded.text,
      contentType,
      bytes: response.body.length,
      charset: decoded.charset,
      charsetNote: decoded.note,
    }),
  );
}
