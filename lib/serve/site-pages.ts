import { renderHtmlIndex } from '../render/render-html-index.ts';
import { renderOpml } from '../render/render-opml.ts';
import type { ServeDeps } from './http-types.ts';
import { FEED_CACHE_CONTROL, NO_STORE, type Representation } from './representation.ts';
import { feedLinks, latestOf, loadSourceHealth, loadTopicSummaries, newestFetchOf } from './site-overview.ts';

/** `/`, `/topics`, `/topics.opml`, `/sources` and `/healthz`: the documents around the feeds. */

const SITE_TITLE = 'wirefold topic feeds';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const JSON_TYPE = 'application/json; charset=utf-8';
/** Health changes with every poll; readers of it want it fresh, but a minute of caching protects the table. */
const HEALTH_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

export async function serveIndexPage(deps: ServeDeps, baseUrl: string): Promise<Representation> {
  const [topics, sources] = await Promise.all([loadTopicSummaries(deps, baseUrl), loadSourceHealth(deps)]);
  const body = renderHtmlIndex({
    title: SITE_TITLE,
    baseUrl,
    topics,
    allFeeds: feedLinks(baseUrl, '/feeds/all'),
    opmlUrl: `${baseUrl}/topics.opml`,
    sources,
  });
  const lastModified = latestOf(...topics.map((t) => t.updatedAt), newestFetchOf(sources));
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    body,
    lastModified,
    cacheControl: HEALTH_CACHE_CONTROL,
  };
}

export async function serveTopicsList(deps: ServeDeps, baseUrl: string): Promise<Representation> {
  const topics = await loadTopicSummaries(deps, baseUrl);
  const list = topics.map((t) => ({
    slug: t.slug,
    title: t.title,
    description: t.description,
    item_count: t.itemCount,
    item_count_is_lower_bound: t.countIsLowerBound,
    updated_at: t.updatedAt,
    feeds: t.feeds,
    html_url: `${baseUrl}/#topic-${t.slug}`,
  }));
  const lastModified = latestOf(...topics.map((t) => t.updatedAt));
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: json({ topics: list }),
    lastModified,
    cacheControl: FEED_CACHE_CONTROL,
  };
}

export async function serveTopicsOpml(deps: ServeDeps, baseUrl: string): Promise<Representation> {
  const topics = await loadTopicSummaries(deps, baseUrl);
  const updatedAt = latestOf(...topics.map((t) => t.updatedAt));
  return {
    status: 200,
    contentType: 'text/x-opml; charset=utf-8',
    body: renderOpml({ title: SITE_TITLE, baseUrl, updatedAt, topics }),
    lastModified: updatedAt,
    cacheControl: FEED_CACHE_CONTROL,
  };
}

export async function serveSources(deps: ServeDeps): Promise<Representation> {
  const sources = await loadSourceHealth(deps);
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: json({ sources }),
    lastModified: newestFetchOf(sources),
    cacheControl: HEALTH_CACHE_CONTROL,
  };
}

/** Liveness only: no store call, so a health check never costs a read or masks a throttled table. */
export function serveHealthz(): Representation {
  return { status: 200, contentType: JSON_TYPE, body: json({ status: 'ok' }), cacheControl: NO_STORE };
}
