import type { OutputFormat, TopicDefinition } from '../model.ts';
import { contentTypeOf, renderFeed } from '../render/registry.ts';
import { listTopicEntries } from '../store/topic-entries.ts';
import { buildFeedView, feedTagId } from './build-feed-view.ts';
import type { ServeDeps } from './http-types.ts';
import { DEFAULT_LIMIT, type Paging } from './parse-route.ts';
import { problem } from './problem.ts';
import { FEED_CACHE_CONTROL, type Representation } from './representation.ts';

/** `/topics/<slug>.<format>`: one Query on the topic partition, rendered. */
export async function serveTopicFeed(
  deps: ServeDeps,
  baseUrl: string,
  topic: TopicDefinition,
  format: OutputFormat,
  paging: Paging,
): Promise<Representation> {
  // A topic's maxItems caps a page, so a small topic never serves more than its owner asked for.
  const limit = Math.min(paging.limit ?? DEFAULT_LIMIT, topic.maxItems);
  const page = await listTopicEntries(deps.db, topic.slug, { limit, cursor: paging.cursor, now: deps.now?.() });
  if (!page.ok) return problem('bad-parameter', page.error.message);
  const view = buildFeedView(
    {
      id: feedTagId(`topic/${topic.slug}`, deps.tagAuthority),
      title: topic.title,
      description: topic.description,
      baseUrl,
      path: `/topics/${topic.slug}`,
      homeUrl: `${baseUrl}/#topic-${topic.slug}`,
      format,
      params: { limit: paging.limit?.toString(), cursor: paging.cursor },
      entries: page.value.entries,
      nextCursor: page.value.nextCursor,
    },
    deps,
  );
  return feedRepresentation(format, view.updatedAt, renderFeed(format, view), view.nextUrl);
}

export function feedRepresentation(
  format: OutputFormat,
  lastModified: string,
  body: string,
  nextUrl: string | undefined,
): Representation {
  return {
    status: 200,
    contentType: contentTypeOf(format),
    body,
    lastModified,
    cacheControl: FEED_CACHE_CONTROL,
    headers: nextUrl ? { link: `<${nextUrl}>; rel="next"` } : undefined,
  };
}
