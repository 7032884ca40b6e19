import { OUTPUT_FORMATS, type OutputFormat, type TopicDefinition } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import { problem } from './problem.ts';
import type { Representation } from './representation.ts';

/** Every resource the API serves; `serveRequest` switches over `kind` exhaustively. */
export type Route =
  | { readonly kind: 'index' }
  | { readonly kind: 'topics-json' }
  | { readonly kind: 'topics-opml' }
  | {
      readonly kind: 'topic-feed';
      readonly topic: TopicDefinition;
      readonly format: OutputFormat;
      readonly paging: Paging;
    }
  | { readonly kind: 'all-feed'; readonly format: OutputFormat; readonly paging: Paging; readonly query?: string }
  | { readonly kind: 'sources' }
  | { readonly kind: 'healthz' };

export interface Paging {
  /** As requested; undefined means the default (kept apart so self links echo only what was asked). */
  readonly limit?: number;
  readonly cursor?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
export const MAX_QUERY_CHARS = 500;

const FEED_PATH = /^\/(topics|feeds)\/([a-z0-9][a-z0-9-]{0,62})\.([a-z]+)$/;

type RouteResult = Result<Route, Representation>;

/** Reads one known parameter; a repeated parameter is ambiguous, so it is an error rather than a guess. */
function single(params: URLSearchParams, name: string): Result<string | undefined, Representation> {
  const values = params.getAll(name);
  if (values.length > 1) return err(problem('bad-parameter', `parameter "${name}" is given more than once`));
  return ok(values[0]);
}

function parsePaging(params: URLSearchParams): Result<Paging, Representation> {
  const limit = single(params, 'limit');
  if (!limit.ok) return limit;
  const cursor = single(params, 'cursor');
  if (!cursor.ok) return cursor;
  let parsedLimit: number | undefined;
  if (limit.value !== undefined) {
    parsedLimit = /^\d{1,4}$/.test(limit.value) ? Number(limit.value) : Number.NaN;
    if (!(parsedLimit >= 1 && parsedLimit <= MAX_LIMIT)) {
      return err(problem('bad-parameter', `limit must be an integer from 1 to ${MAX_LIMIT}`));
    }
  }
  if (cursor.value !== undefined && !/^[A-Za-z0-9_-]{1,512}$/.test(cursor.value)) {
    return err(problem('bad-parameter', 'cursor is not one this feed issued'));
  }
  return ok({ limit: parsedLimit, cursor: cursor.value });
}

function parseFormat(extension: string): OutputFormat | undefined {
  return (OUTPUT_FORMATS as readonly string[]).includes(extension) ? (extension as OutputFormat) : undefined;
}

/** Path and query → a route or the problem to answer with. Unknown parameters are ignored (cache busters). */
export function parseRoute(path: string, rawQuery: string, topics: readonly TopicDefinition[]): RouteResult {
  const params = new URLSearchParams(rawQuery);
  switch (path) {
    case '/':
    case '/index.html':
      return ok({ kind: 'index' });
    case '/topics':
    case '/topics.json':
      return ok({ kind: 'topics-json' });
    case '/topics.opml':
      return ok({ kind: 'topics-opml' });
    case '/sources':
      return ok({ kind: 'sources' });
    case '/healthz':
      return ok({ kind: 'healthz' });
  }
  const match = FEED_PATH.exec(path);
  if (!match) return err(problem('not-found', `no resource at ${path.slice(0, 200)}`));
  const [, collection, name, extension] = match;
  const format = parseFormat(extension!);
  if (!format) return err(problem('not-found', `unknown format ".${extension}"; use .rss, .atom or .json`));
  const paging = parsePaging(params);
  if (!paging.ok) return paging;
  if (collection === 'feeds') {
    if (name !== 'all') return err(problem('not-found', `no feed "${name}"; the combined feed is /feeds/all`));
    const query = single(params, 'q');
    if (!query.ok) return query;
    if (query.value !== undefined && query.value.length > MAX_QUERY_CHARS) {
      return err(problem('bad-parameter', `q must be at most ${MAX_QUERY_CHARS} characters`));
    }
    const trimmed = query.value?.trim();
    return ok({ kind: 'all-feed', format, paging: paging.value, query: trimmed === '' ? undefined : trimmed });
  }
  const topic = topics.find((t) => t.slug === name);
  if (!topic) return err(problem('not-found', `no topic "${name}"; GET /topics lists them`));
  return ok({ kind: 'topic-feed', topic, format, paging: paging.value });
}
