import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleIngest } from '../../../lambdas/ingest.ts';
import { handleSchedule } from '../../../lambdas/schedule.ts';
import type { FeedSource } from '../../../lib/model.ts';
import type { IngestJob } from '../../../lib/schedule.ts';
import type { Db } from '../../../lib/store/db.ts';
import { createDb } from '../../../lib/store/db.ts';
import { getFeedState } from '../../../lib/store/feed-state.ts';
import { startDemoFeedServer } from '../../../local/demo/demo-feed-server.ts';
import { demoSources } from '../../../local/demo/feeds.ts';
import { LOCAL_CREDENTIALS, startDynalite } from '../../support/dynalite.ts';
import { loadTestTopics, testIngestDeps } from '../../support/pipeline.ts';
import { recordingLogger, sqsEvent } from '../../support/sqs-event.ts';

describe('schedule and ingest handlers over dynalite', () => {
  const { matchers } = loadTestTopics('tests/fixtures/pipeline/topics.yaml');
  const clock = { now: new Date('2026-11-20T12:00:00.000Z') };
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  let feedServer: Awaited<ReturnType<typeof startDemoFeedServer>>;
  let sources: FeedSource[];
  let firstJobs: IngestJob[] = [];
  const brokenFeed = (): FeedSource => ({
    feedId: 'broken-404',
    url: `${feedServer.url}/no-such-feed.xml`,
    title: 'Broken',
  });

  beforeAll(async () => {
    dynalite = await startDynalite();
    feedServer = await startDemoFeedServer(resolve('local/demo/feeds'), clock.now);
    sources = [...demoSources(feedServer.feeds), brokenFeed()];
  });
  afterAll(async () => {
    await feedServer?.close();
    await dynalite?.close();
  });

  /** One schedule tick over the test's feeds, collecting what it enqueues. */
  async function scheduleOnce() {
    const enqueued: IngestJob[] = [];
    const deps = {
      db: dynalite.db,
      sources,
      now: () => clock.now,
      enqueue: async (jobs: readonly IngestJob[]) => void enqueued.push(...jobs),
      logger: recordingLogger(),
    };
    return { report: await handleSchedule({}, deps), enqueued };
  }

  /** The ingest handler's deps over a given table, with a logger the test reads. */
  const ingestHandlerDeps = (db: Db, logger: ReturnType<typeof recordingLogger>) => ({
    ingest: testIngestDeps(db, matchers, clock),
    sources: new Map(sources.map((s) => [s.feedId, s])),
    logger,
  });

  it('schedule seeds every configured feed and enqueues the due ones once', async () => {
    const { report, enqueued } = await scheduleOnce();
    expect(report.seeded).toBe(sources.length);
    expect(enqueued.map((job) => job.feedId).sort()).toEqual(sources.map((s) => s.feedId).sort());
    expect(new Set(enqueued.map((job) => job.dueAt))).toEqual(new Set([clock.now.toISOString()]));
    firstJobs = enqueued;
  });

  it('ingest records a feed failure in its health without failing the message, and ingests the others', async () => {
    const logger = recordingLogger();
    const deps = ingestHandlerDeps(dynalite.db, logger);
    const bodies = [...firstJobs.map((job) => JSON.stringify(job)), 'not json', '{"feedId":"unknown"}'];
    const response = await handleIngest(sqsEvent(bodies), deps);
    expect(response.batchItemFailures, JSON.stringify(logger.lines.filter((l) => l.level === 'error'))).toEqual([]);
    const ingested = logger.lines.filter((l) => l.message === 'feed ingested');
    expect(ingested).toHaveLength(sources.length);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2); // the two unusable messages
    const broken = await getFeedState(dynalite.db, 'broken-404');
    expect(broken?.consecutiveFailures).toBe(1);
    expect(broken?.lastError?.kind).toBe('fetch:http-status');
    expect(broken?.lastStatus).toBe(404);
    const healthy = await getFeedState(dynalite.db, sources[0]!.feedId);
    expect(healthy?.consecutiveFailures).toBe(0);
    expect(healthy?.recentEntryHashes.length).toBeGreaterThan(0);
  });

  it('after ingest nothing is due until the planned time', async () => {
    const { enqueued } = await scheduleOnce();
    expect(enqueued).toEqual([]);
  });

  it('a second message for a poll that already happened does nothing (the scheduler may enqueue a feed twice)', async () => {
    const logger = recordingLogger();
    const deps = ingestHandlerDeps(dynalite.db, logger);
    const response = await handleIngest(sqsEvent([JSON.stringify(firstJobs[0])]), deps);
    expect(response.batchItemFailures).toEqual([]);
    const line = logger.lines.find((l) => l.message === 'feed ingested');
    expect(line?.fields).toMatchObject({ feedId: firstJobs[0]!.feedId, outcome: 'not-due', ok: true });
  });

  it('a store failure (AWS side) fails only that message, so SQS retries it', async () => {
    const missingTable = createDb('no-such-table', {
      endpoint: dynalite.endpoint,
      region: 'local',
      credentials: LOCAL_CREDENTIALS,
    });
    const logger = recordingLogger();
    const deps = ingestHandlerDeps(missingTable, logger);
    const response = await handleIngest(sqsEvent([JSON.stringify({ feedId: sources[0]!.feedId })]), deps);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
    missingTable.doc.destroy();
  });
});
