/**
 * `npm run bench:topics`: is matching 10 topics against an article cheaper than parsing that article?
 *
 * Items: ../shared/topics/china-sea-tech/dev.jsonl when present (real titles and summaries), else the team-written
 * sample in tests/fixtures/topics. Baseline, measured in the same run: the same items rendered as one RSS 2.0
 * document and parsed by our parseFeed (lib/parse) and by feedsmith. Matching is timed from a fresh Article (no
 * cached tokens) through prepareArticle + 10 × matchArticle, which is what ingest pays per stored entry.
 * A second baseline adds normalizeFeed (URLs, dates, sanitize-html): what ingest really pays per entry before
 * matching. Prints one JSON object; a ratio > 1 means matching 10 topics is that many times cheaper.
 * `realFeeds` repeats the comparison on real news feeds, whose entries carry their HTML bodies.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { parseTopicsYaml } from '../lib/config.ts';
import type { Article, TopicDefinition } from '../lib/model.ts';
import { normalizeFeed } from '../lib/normalize/normalize-feed.ts';
import { parseFeed } from '../lib/parse/parse-feed.ts';
import { type CompiledTopic, compileTopic } from '../lib/topics/compile-topic.ts';
import { itemToArticle, type TopicItem } from '../lib/topics/item-to-article.ts';
import { matchArticle } from '../lib/topics/match-topic.ts';
import { prepareArticle } from '../lib/topics/prepare-article.ts';
import { realFeedFigures } from './topics-real-feeds.ts';

const FETCHED_AT = '2024-06-01T00:00:00.000Z';
const devFile = path.resolve(process.cwd(), '../shared/topics/china-sea-tech/dev.jsonl');
const sampleFile = path.resolve(process.cwd(), 'tests/fixtures/topics/china-sea-tech-sample.jsonl');
const itemsFile = existsSync(devFile) ? devFile : sampleFile;
const items = readFileSync(itemsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as TopicItem);

/** The four configured topics plus six typical analyst queries: ten in all, as the issue asks. */
function tenTopics(): CompiledTopic[] {
  const configFile = path.resolve(process.cwd(), 'config/topics.yaml');
  const parsed = parseTopicsYaml(readFileSync(configFile, 'utf8'), configFile);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const extra: [string, string][] = [
    [
      'ev-batteries',
      '(ev OR evs OR "electric vehicle*" OR batter* OR lithium OR nickel) AND (plant* OR factor* OR invest*)',
    ],
    [
      'ai-policy',
      'lead:("artificial intelligence" OR title:ai OR "generative ai") AND (regulat* OR law OR rules OR ban*)',
    ],
    ['chips', 'semiconductor* OR chipmaker* OR (chip* NEAR/3 (export* OR plant* OR fab OR fabs OR assembly))'],
    ['cyber', 'title:(hack* OR cyber* OR ransomware OR malware OR breach*) NOT title:(deal* OR review)'],
    ['cables', '"submarine cable*" OR "subsea cable*" OR "undersea cable*" OR (cable* NEAR/5 (landing OR internet))'],
    ['tiktok', 'title:(tiktok OR bytedance) AND (ban* OR law* OR regulat* OR content OR shop*)'],
  ];
  const definitions: TopicDefinition[] = [
    ...parsed.value,
    ...extra.map(([slug, query]) => ({ slug, title: slug, description: '', query, maxItems: 200, retentionDays: 30 })),
  ];
  return definitions.map((definition) => {
    const compiled = compileTopic(definition);
    if (!compiled.ok) throw new Error(`${definition.slug}: ${compiled.error.message}`);
    return compiled.value;
  });
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function renderRss(feedItems: readonly TopicItem[]): string {
  const entries = feedItems.map(
    (item) =>
      `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(item.link || `https://example.com/${item.id}`)}</link>` +
      `<guid>${escapeXml(item.id)}</guid><description>${escapeXml(item.summary ?? '')}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench</title><link>https://example.com/</link><description>bench</description>${entries.join('')}</channel></rss>`;
}

/**
 * Items per CPU second for `work`, repeated until `minMs` of wall time has passed (after one warm-up). CPU time
 * (user + system of this process) rather than wall time, because the bench machines are shared and a wall clock
 * counts time spent waiting for a core; both sides of the ratio are measured the same way.
 */
function itemsPerCpuSecond(itemCount: number, work: () => void, minMs = 4000): { itemsPerSec: number; rounds: number } {
  work();
  let rounds = 0;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - started < minMs) {
    work();
    rounds++;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return { itemsPerSec: Math.round((itemCount * rounds) / cpuS), rounds };
}

const topics = tenTopics();
const document = renderRss(items);
const baseArticles = items.map(itemToArticle);
let matches = 0;
let sink = 0;

const parseOurs = itemsPerCpuSecond(items.length, () => {
  const parsed = parseFeed(document);
  if (!parsed.ok) throw new Error(parsed.error.message);
  sink += parsed.value.entries.length;
});
const parseAndNormalize = itemsPerCpuSecond(items.length, () => {
  const parsed = parseFeed(document);
  if (!parsed.ok) throw new Error(parsed.error.message);
  sink += normalizeFeed(parsed.value, { feedUrl: 'https://example.com/feed', fetchedAt: FETCHED_AT }).length;
});
const parseFeedsmith = itemsPerCpuSecond(items.length, () => {
  sink += parseRssFeed(document).items?.length ?? 0;
});
const matchTen = itemsPerCpuSecond(items.length, () => {
  // Fresh objects: prepareArticle memoizes per Article object, and ingest sees each article once.
  const fresh: Article[] = baseArticles.map((article) => ({ ...article }));
  for (const article of fresh) for (const topic of topics) if (matchArticle(topic, article)) matches++;
});
// Only the per-article work every topic shares (HTML to text, NFKC, the scan for query words): the floor.
const prepareOnly = itemsPerCpuSecond(items.length, () => {
  const fresh: Article[] = baseArticles.map((article) => ({ ...article }));
  for (const article of fresh) sink += prepareArticle(article).text.length;
});
const matchOne = itemsPerCpuSecond(items.length, () => {
  const fresh: Article[] = baseArticles.map((article) => ({ ...article }));
  for (const article of fresh) if (matchArticle(topics[0]!, article)) matches++;
});

const ratioOf = (figure: number, baseline: number) => Number((figure / baseline).toFixed(2));
const ratio = (baseline: number) => ratioOf(matchTen.itemsPerSec, baseline);
const microseconds = (itemsPerSec: number) => Number((1e6 / itemsPerSec).toFixed(1));
console.log(
  JSON.stringify(
    {
      bench: 'topics',
      unit: 'items per CPU second',
      items: items.length,
      itemsFile: path.relative(process.cwd(), itemsFile),
      documentBytes: Buffer.byteLength(document),
      topics: topics.length,
      // Ingest's path: the article is prepared once, then each topic's compiled matcher; matches are explained.
      match10TopicsItemsPerSec: matchTen.itemsPerSec,
      match10TopicsMicrosPerItem: microseconds(matchTen.itemsPerSec),
      match1TopicItemsPerSec: matchOne.itemsPerSec,
      // The share of the 10-topic figure that is the shared preparation.
      prepareMicrosPerItem: microseconds(prepareOnly.itemsPerSec),
      parseFeedItemsPerSec: parseOurs.itemsPerSec,
      feedsmithItemsPerSec: parseFeedsmith.itemsPerSec,
      parseAndNormalizeItemsPerSec: parseAndNormalize.itemsPerSec,
      // > 1: matching 10 topics is that many times cheaper than the baseline for the same items.
      ratioVsParseFeed: ratio(parseOurs.itemsPerSec),
      ratioVsFeedsmith: ratio(parseFeedsmith.itemsPerSec),
      ratioVsParseAndNormalize: ratio(parseAndNormalize.itemsPerSec),
      parseFeedMicrosPerItem: microseconds(parseOurs.itemsPerSec),
      feedsmithMicrosPerItem: microseconds(parseFeedsmith.itemsPerSec),
      parseAndNormalizeMicrosPerItem: microseconds(parseAndNormalize.itemsPerSec),
      // The same comparison on real news feeds with their HTML bodies (topics-real-feeds.ts).
      realFeeds: realFeedFigures(topics, itemsPerCpuSecond),
      node: process.version,
      checksum: sink + matches,
    },
    null,
    2,
  ),
);
