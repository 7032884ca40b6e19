/**
 * Every way a fetch can fail, as a value. The ingest orchestrator stores `kind` and `message` in the feed's health,
 * maps `rate-limited`/`gone` to scheduling decisions, and never lets one feed's failure unwind the batch.
 */
export type FetchError =
  /** The URL does not parse or uses a scheme other than http/https. */
  | { readonly kind: 'invalid-url'; readonly message: string; readonly url: string }
  /** The SSRF guard refused the address (loopback, private, link-local, metadata, …) before connecting. */
  | {
      readonly kind: 'blocked-address';
      readonly message: string;
      readonly url: string;
      readonly address: string;
      readonly addressClass: string;
    }
  /** The total time cap (headers and body, all redirect hops) ran out. */
  | { readonly kind: 'timeout'; readonly message: string; readonly url: string; readonly timeoutMs: number }
  /** More than `maxBytes` after decompression (or declared by Content-Length). */
  | { readonly kind: 'too-large'; readonly message: string; readonly url: string; readonly maxBytes: number }
  | {
      readonly kind: 'too-many-redirects';
      readonly message: string;
      readonly url: string;
      readonly maxRedirects: number;
    }
  | { readonly kind: 'redirect-loop'; readonly message: string; readonly url: string }
  /** A redirect without a usable Location header. */
  | { readonly kind: 'bad-redirect'; readonly message: string; readonly url: string; readonly status: number }
  /** 429, or 503 with Retry-After: the server asked us to slow down. */
  | {
      readonly kind: 'rate-limited';
      readonly message: string;
      readonly url: string;
      readonly status: number;
      readonly retryAfterS?: number;
    }
  /** 410: the publisher retired the feed; the orchestrator disables it. */
  | { readonly kind: 'gone'; readonly message: string; readonly url: string; readonly status: 410 }
  /** Any other non-2xx answer. */
  | { readonly kind: 'http-status'; readonly message: string; readonly url: string; readonly status: number }
  /** The connection closed before the declared Content-Length arrived. */
  | {
      readonly kind: 'truncated';
      readonly message: string;
      readonly url: string;
      readonly receivedBytes: number;
      readonly expectedBytes?: number;
    }
  /** The body could not be decompressed (corrupt gzip, unknown Content-Encoding). */
  | { readonly kind: 'decode'; readonly message: string; readonly url: string }
  /** The server answered with an HTML page rather than a feed; `discoveredFeedUrls` are its rel=alternate feeds. */
  | {
      readonly kind: 'not-a-feed';
      readonly message: string;
      readonly url: string;
      readonly discoveredFeedUrls: readonly string[];
    }
  /** DNS failure, refused/reset connection, TLS error. */
  | { readonly kind: 'network'; readonly message: string; readonly url: string; readonly code?: string };

export type FetchErrorKind = FetchError['kind'];
