import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACCESS } from '../../../infra/table-access.ts';
import { recordSends } from './send-recorder.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { craneA, craneB, craneViaAggregator, ferry, tariffs } from './stories.ts';
import { ingestDeps, ingestFeed, rssOf, snapshotTable, startWireWorld, type WireWorld } from './wire-world.ts';

/** The IAM action each document-client command needs. */
const ACTION_OF: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  BatchGetCommand: 'dynamodb:BatchGetItem',
  PutCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
};

describe('the ingest function needs no more than its role grants (dynalite)', () => {
  let world: WireWorld;
  let running: RunningBackend;
  beforeAll(async () => {
    world = await startWireWorld();
    running = await dynaliteBackend.start();
    world.feeds.set('coast', rssOf('Coast Wire', [craneA, ferry]));
    world.feeds.set('harbour', rssOf('Daily Harbour', [craneB, tariffs]));
    world.feeds.set('agg', rssOf('Aggregator', [craneViaAggregator]));
  });
  afterAll(async () => {
    await running.close();
    await world.close();
  });

  it('uses only the granted actions through new articles, link and near-duplicate folds, and a settled race', async () => {
    const db = await running.createTable('ingest-actions');
    const recorded = recordSends(db);
    // The two carriers of the crane story race (concurrent creators, settled by absorbing one), then the rest.
    await Promise.all(['coast', 'harbour'].map((name) => ingestFeed(world.sourceOf(name), ingestDeps(recorded.db))));
    await ingestFeed(world.sourceOf('agg'), ingestDeps(recorded.db));
    const used = new Set(recorded.calls.map((call) => ACTION_OF[call] ?? call));
    expect(used.size).toBeGreaterThan(2);
    expect([...used].filter((action) => !TABLE_ACCESS.ingest.table.includes(action))).toEqual([]);
    // The run did fold: one crane article carries all three outlets.
    const crane = (await snapshotTable(db)).filter(
      (item) => String(item.pk).startsWith('ART#') && item.absorbedInto === undefined && item.title === craneA.title,
    );
    expect(crane.map((item) => (item.sources as unknown[]).length)).toEqual([3]);
  });
});
