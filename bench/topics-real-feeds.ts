/**
 * The second half of `npm run bench:topics`: the same comparison on real feeds, whose articles carry their HTML
 * bodies. The dev items are a headline and a one-line summary, the smallest article there is; a news site's entry
 * is several kilobytes of markup, and parsing, normalizing and matching all grow with it.
 *
 * Feeds: the "real-world" suite of rowanmanning/sample-feeds in ../shared/fixtures (news sites and blogs), read in
 * place (GPL-3.0 test data: never copied into the repo). Every entry is matched as ingest matches it: the
 * normalized entry's title, summary and body.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed as parseWithFeedsmith } from 'feedsmith';
import type { Article, NormalizedEntry } from '../lib/model.ts';
import { normalizeFeed } from '../lib/normalize/normalize-feed.ts';
import { parseFeed } from '../lib/parse/parse-feed.ts';
import { newArticle, textToMatch } from '../lib/store/article-merge.ts';
import type { CompiledTopic } from '../lib/topics/compile-topic.ts';
import { matchArticle } from '../lib/topics/match-topic.ts';

const SUITE = '../shared/fixtures/real-world/rowanmanning+sample-feeds/content/real-world';
const CONTEXT = { feedUrl: 'https://news.example/feed', fetchedAt: '2024-06-01T00:00:00.000Z' };

export type Timer = (itemCount: number, work: () => void) => { itemsPerSec: number };

const SOURCE = { feedId: 'bench', url: CONTEXT.feedUrl, title: 'Bench' };

/** The article ingest builds for a new entry, with the text its topics are matched against (article-merge.ts). */
const articleOf = (entry: NormalizedEntry): Article => {
  const input = { source: SOURCE, entry, now: CONTEXT.fetchedAt };
  return textToMatch(newArticle(entry.entryKey, input), input);
};

export function realFeedFigures(topics: readonly CompiledTopic[], timer: Timer): Record<string, unknown> {
  const suite = path.resolve(process.cwd(), SUITE);
  if (!existsSync(suite)) return { skipped: `${SUITE} is not there (it comes with ../shared)` };
  const documents = readdirSync(suite).map((folder) => readFileSync(path.join(suite, folder, 'feed.xml'), 'utf8'));
  const entries = documents.flatMap((text) => {
    const parsed = parseFeed(text);
    return parsed.ok ? normalizeFeed(parsed.value, CONTEXT) : [];
  });
  const articles = entries.map(articleOf);
  let sink = 0;
  const parse = timer(entries.length, () => {
    for (const text of documents) {
      const parsed = parseFeed(text);
      if (parsed.ok) sink += parsed.value.entries.length;
    }
  });
  const parseAndNormalize = timer(entries.length, () => {
    for (const text of documents) {
      const parsed = parseFeed(text);
      if (parsed.ok) sink += normalizeFeed(parsed.value, CONTEXT).length;
    }
  });
  const feedsmith = timer(entries.length, () => {
    for (const text of documents) {
      try {
        const parsed = parseWithFeedsmith(text);
        sink += 'items' in parsed.feed ? (parsed.feed.items?.length ?? 0) : 1;
      } catch {
        sink += 1; // feedsmith refuses a document: the time it took still counts
      }
    }
  });
  const matchTen = timer(entries.length, () => {
    // A fresh object per article (prepareArticle memoizes per object), shared by the ten topics as in ingest.
    for (const article of articles) {
      const fresh = { ...article };
      for (const topic of topics) if (matchArticle(topic, fresh)) sink++;
    }
  });
  const micros = (itemsPerSec: number) => Number((1e6 / itemsPerSec).toFixed(1));
  const ratio = (baseline: number) => Number((matchTen.itemsPerSec / baseline).toFixed(2));
  return {
    feeds: documents.length,
    entries: entries.length,
    documentBytes: documents.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    match10TopicsMicrosPerEntry: micros(matchTen.itemsPerSec),
    parseFeedMicrosPerEntry: micros(parse.itemsPerSec),
    parseAndNormalizeMicrosPerEntry: micros(parseAndNormalize.itemsPerSec),
    feedsmithMicrosPerEntry: micros(feedsmith.itemsPerSec),
    ratioVsParseFeed: ratio(parse.itemsPerSec),
    ratioVsParseAndNormalize: ratio(parseAndNormalize.itemsPerSec),
    ratioVsFeedsmith: ratio(feedsmith.itemsPerSec),
    checksum: sink,
  };
}
