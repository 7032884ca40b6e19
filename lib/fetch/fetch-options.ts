/** Caps and identity for every feed request. All limits are per `fetchFeed` call, across every redirect hop. */
export interface FetchOptions {
  /** Total wall-clock budget: connect, headers, body, all hops. Defends against hanging and trickling servers. */
  readonly timeoutMs: number;
  /** Cap on body bytes after decompression (and on bytes on the wire). Defends against 2 GB feeds and zip bombs. */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  /**
   * Hosts or addresses exempt from the SSRF guard, e.g. `['127.0.0.1', 'localhost']` for tests and the local demo.
   * Empty in production.
   */
  readonly allowPrivateHosts?: readonly string[];
}

export const WIREFOLD_USER_AGENT = 'wirefold/0.1 (+https://github.com/wirefold/wirefold)';

/** What we ask for: feed types first, generic XML next, anything last (some servers 406 without a wildcard). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

export const defaultFetchOptions: FetchOptions = {
  timeoutMs: 30_000,
  maxBytes: 16 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: WIREFOLD_USER_AGENT,
  allowPrivateHosts: [],
};

const positive = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;

/**
 * Fills gaps with the defaults. An explicit `undefined` (an unset config value spread over the defaults) or a
 * non-positive number falls back too, so a config slip can never switch a cap off.
 */
export function resolveFetchOptions(options: Partial<FetchOptions>): FetchOptions {
  return {
    timeoutMs: positive(options.timeoutMs, defaultFetchOptions.timeoutMs),
    maxBytes: positive(options.maxBytes, defaultFetchOptions.maxBytes),
    maxRedirects:
      options.maxRedirects !== undefined && Number.isInteger(options.maxRedirects) && options.maxRedirects >= 0
        ? options.maxRedirects
        : defaultFetchOptions.maxRedirects,
    userAgent: options.userAgent || defaultFetchOptions.userAgent,
    allowPrivateHosts: options.allowPrivateHosts ?? [],
  };
}
