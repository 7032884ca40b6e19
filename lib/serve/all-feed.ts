import type { OutputFormat } from '../model.ts';
import { renderFeed } from '../render/registry.ts';
import { cursorAfterArticle, listRecentArticles } from '../store/day-stream.ts';
import { buildFeedView, feedTagId, type ViewEntry } from './build-feed-view.ts';
import type { ArticlePredicate, ServeDeps } from './http-types.ts';
import { DEFAULT_LIMIT, type Paging } from './parse-route.ts';
import { problem } from './problem.ts';
import type { Representation } from './representation.ts';
import { feedRepresentation } from './topic-feed.ts';

/** How far back `/feeds/all` reaches, and how many stored articles one `?q=` request may examine. */
export const ALL_FEED_DAYS = 7;
const SCAN_CHUNK = 100;
const MAX_SCANNED = 2000;

/**
 * Reads the day stream newest first and keeps the matching articles. A filtered page stops at `limit` matches or
 * after MAX_SCANNED articles; its cursor points just past the last article examined, so paging stays stable.
 */
async function collect(deps: ServeDeps, limit: number, cursor: string | undefined, predicate?: ArticlePredicate) {
  const now = deps.now?.();
  const entries: ViewEntry[] = [];
  let scanned = 0;
  let next = cursor;
  do {
    const chunk = predicate ? SCAN_CHUNK : limit - entries.length;
    const page = await listRecentArticles(deps.db, {
      limit: chunk,
      days: ALL_FEED_DAYS,
      topicSlugs: deps.topics.map((topic) => topic.slug),
      cursor: next,
      now,
    });
    if (!page.ok) return page;
    next = page.value.nextCursor;
    for (const [index, article] of page.value.entries.entries()) {
      scanned += 1;
      const why = predicate ? predicate(article) : [];
      if (why) entries.push({ article, why });
      if (entries.length === limit) {
        const more = index < page.value.entries.length - 1 || next !== undefined;
        return { ok: true as const, value: { entries, nextCursor: more ? cursorAfter(article) : undefined } };
      }
    }
  } while (next !== undefined && scanned < MAX_SCANNED);
  return { ok: true as const, value: { entries, nextCursor: next } };
}

const cursorAfter = cursorAfterArticle;

/** `/feeds/all.<format>?q=`: every recent article, or those an ad-hoc query matches (with why). */
export async function serveAllFeed(
  deps: ServeDeps,
  baseUrl: string,
  format: OutputFormat,
  paging: Paging,
  query: string | undefined,
): Promise<Representation> {
  let predicate: ArticlePredicate | undefined;
  if (query !== undefined) {
    if (!deps.compileAdHocQuery) return problem('not-implemented', 'ad-hoc queries are not available here');
    const compiled = deps.compileAdHocQuery(query);
    if (!compiled.ok) {
      const { message, position, line, column } = compiled.error;
      return problem('bad-query', `q: ${message} (at character ${position + 1})`, {
        extensions: { position, line, column },
      });
    }
    predicate = compiled.value;
  }
  const page = await collect(deps, paging.limit ?? DEFAULT_LIMIT, paging.cursor, predicate);
  if (!page.ok) return problem('bad-parameter', page.error.message);
  const view = buildFeedView(
    {
      id: feedTagId(query === undefined ? 'all' : `all?q=${encodeURIComponent(query)}`, deps.tagAuthority),
      title: query === undefined ? 'wirefold: all stories' : `wirefold: ${query}`,
      description:
        query === undefined
          ? `Every story of the last ${ALL_FEED_DAYS} days, duplicates folded.`
          : `Stories of the last ${ALL_FEED_DAYS} days matching: ${query}`,
      baseUrl,
      path: '/feeds/all',
      homeUrl: `${baseUrl}/`,
      format,
      params: { q: query, limit: paging.limit?.toString(), cursor: paging.cursor },
      entries: page.value.entries,
      nextCursor: page.value.nextCursor,
    },
    deps,
  );
  return feedRepresentation(format, view.updatedAt, renderFeed(format, view), view.nextUrl);
}
