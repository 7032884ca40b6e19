/**
 * What a route produces before HTTP semantics are applied: the body and the facts the headers derive from.
 * Everything in here comes from the data, never from the clock, so two polls with no new data are identical.
 */
export interface Representation {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** ISO time of the newest data shown; becomes Last-Modified. */
  readonly lastModified?: string;
  readonly cacheControl: string;
  /** Extra headers such as `Link` (next page) or `Allow` (405). */
  readonly headers?: Readonly<Record<string, string>>;
}

export const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600, stale-if-error=86400';
export const NO_STORE = 'no-store';
export const ERROR_CACHE_CONTROL = 'public, max-age=60';
