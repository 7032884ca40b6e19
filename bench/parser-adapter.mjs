// Adapter for ../shared/tools/parser-eval: wraps wirefold's parse + normalize layer (lib/parse, lib/normalize).
// It maps shapes only; every fix belongs in lib/. Bytes are decoded by lib/fetch/decode-text.ts, as in production. TypeScript is loaded through tsx's ESM loader API (`register`),
// so the harness can run this file under plain `node` in each of its child processes, with no build step.
import { register } from 'tsx/esm/api';

register();
const { parseFeed } = await import('../lib/parse/parse-feed.ts');
const { decodeText } = await import('../lib/fetch/decode-text.ts');
const { normalizeFeedDetailed } = await import('../lib/normalize/normalize-feed.ts');

export const name = 'wirefold';
export const version = 'dev';

// One fixed fetch time per process: items without a stated date get it (the product's first-seen rule).
const fetchedAt = new Date().toISOString();

export function parse(input) {
  const text = Buffer.isBuffer(input) ? decodeText(input).text : String(input);
  const parsed = parseFeed(text);
  if (!parsed.ok) throw new Error(`${parsed.error.kind}: ${parsed.error.message}`);
  // No document URL: the harness scores without one (xml:base and the feed's own link still apply).
  const { feed, entries } = normalizeFeedDetailed(parsed.value, { feedUrl: '', fetchedAt });
  return {
    feed: {
      title: feed.sourceTitle ?? null,
      link: feed.link ?? null,
      description: feed.sourceDescription ?? null,
      language: feed.language ?? null,
      updated: feed.updatedAt ?? null,
    },
    items: entries.map((entry) => ({
      id: entry.guid ?? entry.entryKey,
      title: entry.sourceTitle ?? null,
      link: entry.url ?? null,
      summary: entry.sourceSummary ?? null,
      content: entry.sourceContent ?? null,
      published: entry.publishedFrom === 'updated' ? null : entry.publishedAt,
      updated: entry.updatedAt ?? null,
      authors: entry.people.map((p) => ({ name: p.name ?? null, email: p.email ?? null, uri: p.uri ?? null })),
      categories: [...entry.categories],
      enclosures: entry.enclosures.map((e) => ({ url: e.url, type: e.type ?? null, length: e.length ?? null })),
    })),
  };
}
