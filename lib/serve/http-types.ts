import type { Article, FeedSource, TopicDefinition } from '../model.ts';
import type { Result } from '../result.ts';
import type { Db } from '../store/db.ts';
import type { ResponseCache } from './response-cache.ts';

/** A request as every shell (Lambda Function URL, local node:http server, tests) hands it to `serveRequest`. */
export interface ApiRequest {
  readonly method: string;
  /** Path as sent, without the query string, e.g. `/topics/china-sea-tech.rss` (routes are plain ASCII). */
  readonly path: string;
  /** Raw query string without the leading `?`. */
  readonly rawQuery: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for 204, 304 and HEAD. Compressed when `content-encoding` is set. */
  readonly body?: Uint8Array;
  /** The same body as a Lambda response carries it (text, or base64 when compressed), computed once per cache entry. */
  readonly lambdaBody?: string;
}

/** Where an ad-hoc `?q=` query failed to parse (lib/topics reports position, line and column). */
export interface QueryProblem {
  readonly message: string;
  readonly position: number;
  readonly line?: number;
  readonly column?: number;
}

/** A compiled ad-hoc query: the explanation lines when an article matches, undefined otherwise. */
export type ArticlePredicate = (article: Article) => readonly string[] | undefined;
export type AdHocQueryCompiler = (text: string) => Result<ArticlePredicate, QueryProblem>;

export interface ServeDeps {
  readonly db: Db;
  readonly topics: readonly TopicDefinition[];
  /** The configured feeds, to name each outlet's feed URL (RSS `<source url>`); optional. */
  readonly feeds?: readonly FeedSource[];
  /** Public origin for self links (`PUBLIC_BASE_URL`); without it the request's Host header is used. */
  readonly baseUrl?: string;
  /** lib/topics' `compileQuery`/`matchQuery` behind one function; `?q=` answers 501 without it. */
  readonly compileAdHocQuery?: AdHocQueryCompiler;
  /** Rendered representations kept per instance for a few seconds (see response-cache.ts); none in tests. */
  readonly cache?: ResponseCache;
  /** Clock for store expiry filtering and the cache only; output never contains it. */
  readonly now?: () => Date;
  /** The tagging entity of our tag: URIs (RFC 4151); changing it would change every published id. */
  readonly tagAuthority?: string;
}

export const DEFAULT_TAG_AUTHORITY = 'wirefold.dev,2026';
