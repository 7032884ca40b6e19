import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import type { Db } from '../../../lib/store/db.ts';
import { type Send, type SentCommand, wrapSend } from './send-recorder.ts';
import { dynaliteBackend, type RunningBackend } from './store-backend.ts';
import { craneA } from './stories.ts';
import {
  ingestDeps,
  ingestFeed,
  rssOf,
  snapshotTable,
  startWireWorld,
  type WireItem,
  type WireWorld,
} from './wire-world.ts';

/**
 * Races that the register writes settle even when the process dies, a write is retried, or another story writes the
 * shared key in between. Each scenario makes the second creator's near-duplicate lookup miss the first (as an
 * eventually consistent read may, or as two Lambdas racing do) by wrapping the AWS client's `send` — never our code.
 */
const isRegisterLookup = (command: SentCommand) =>
  command.constructor.name === 'BatchGetCommand' &&
  Object.values(command.input.RequestItems as Record<string, { Keys: { pk: string }[] }>).some((request) =>
    request.Keys.some((key) => key.pk.startsWith('SIM#')),
  );
const isRegisterWrite = (command: SentCommand) =>
  command.constructor.name === 'UpdateCommand' && String((command.input.Key as { pk: string }).pk).startsWith('SIM#');

/** The lookup finds no register: the creator goes on as if the other copy did not exist yet. */
const lookupMisses = (send: Send, command: SentCommand) =>
  isRegisterLookup(command)
    ? Promise.resolve({
        Responses: Object.fromEntries(Object.keys(command.input.RequestItems as object).map((t) => [t, []])),
      })
    : send(command);

const copyOf = (outlet: string, changes: Partial<WireItem>): WireItem => ({
  ...craneA,
  guid: `${outlet}-crane`,
  link: `https://${outlet}.example/news/crane-collapse`,
  published: '2024-03-05T08:30:00Z',
  ...changes,
});

const liveCraneArticles = async (db: Db) =>
  (
    (await snapshotTable(db)).filter(
      (item) => String(item.pk).startsWith('ART#') && item.absorbedInto === undefined,
    ) as unknown as Article[]
  ).filter((article) => article.title === craneA.title);

describe('race recovery through the registers (dynalite)', () => {
  let world: WireWorld;
  let running: RunningBackend;
  let tables = 0;
  beforeAll(async () => {
    world = await startWireWorld();
    running = await dynaliteBackend.start();
    world.feeds.set('coast', rssOf('Coast Wire', [craneA]));
    const wireCopy = copyOf('wire', { summary: `PORT SELAT (Reuters) - ${craneA.summary}` });
    world.feeds.set('wire', rssOf('Wire copy', [wireCopy]));
    // An aggregator carrying the wire copy's own link (a tracking parameter added): it lands on that copy's article.
    world.feeds.set(
      'agg',
      rssOf('Aggregator', [{ ...wireCopy, guid: 'agg-1', link: `${wireCopy.link}?utm_source=agg` }]),
    );
    // Another story under the crane's headline (its lede conflicts: the decision keeps the two apart).
    world.feeds.set(
      'other',
      rssOf('Other', [
        copyOf('other', {
          summary:
            'Shipping lines said on Wednesday that berth schedules across the northern terminals would be revised after weeks of congestion and delays.',
          published: '2024-03-05T08:20:00Z',
        }),
      ]),
    );
    // A copy whose opening clause gives it another lede key: the headline is the only key it shares with the crane.
    world.feeds.set(
      'late',
      rssOf('Late copy', [
        copyOf('late', { summary: `In a statement released on Tuesday, officials said ${craneA.summary}` }),
      ]),
    );
  });
  afterAll(async () => {
    await running.close();
    await world.close();
  });

  it('a creator that dies while settling is settled by its rerun (the register remembers whom it displaced)', async () => {
    const db = await running.createTable(`recovery-${tables++}`);
    await ingestFeed(world.sourceOf('coast'), ingestDeps(db));
    let registersWritten = 0;
    const dying = wrapSend(db, async (send, command) => {
      if (registersWritten > 0 && command.constructor.name === 'GetCommand')
        throw new Error('injected crash in settle');
      const result = await lookupMisses(send, command);
      if (isRegisterWrite(command)) registersWritten++;
      return result;
    });
    await expect(ingestFeed(world.sourceOf('wire'), ingestDeps(dying))).rejects.toThrow(/injected crash/);
    expect(await liveCraneArticles(db)).toHaveLength(2);
    await ingestFeed(world.sourceOf('wire'), ingestDeps(db));
    const live = await liveCraneArticles(db);
    expect(live.map((article) => article.sources.map((source) => source.feedId).sort())).toEqual([['coast', 'wire']]);
  });

  it('a register write applied twice (a retry whose first answer was lost) still settles the race', async () => {
    const db = await running.createTable(`recovery-${tables++}`);
    await ingestFeed(world.sourceOf('coast'), ingestDeps(db));
    const retrying = wrapSend(db, async (send, command) => {
      if (isRegisterWrite(command)) await send(command); // applied, answer lost
      return lookupMisses(send, command);
    });
    await ingestFeed(world.sourceOf('wire'), ingestDeps(retrying));
    expect((await liveCraneArticles(db)).map((article) => article.sources.length)).toEqual([2]);
  });

  it('a timeline copy written late for an article absorbed meanwhile does not come back as a second entry', async () => {
    const db = await running.createTable(`recovery-${tables++}`);
    await ingestFeed(world.sourceOf('coast'), ingestDeps(db));
    // The wire copy is created (its lookup misses the crane) and pauses before settling; the aggregator folds its
    // link into that copy and pauses before writing the copy's timeline entry until the settle has absorbed the copy.
    const gate = () => {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      return { opened, open };
    };
    const copyCreated = gate();
    const aggregatorFolded = gate();
    const copyAbsorbed = gate();
    let registersWritten = 0;
    const wire = wrapSend(db, async (send, command) => {
      if (registersWritten > 0 && command.constructor.name === 'GetCommand' && registersWritten < 99) {
        registersWritten = 99; // once
        copyCreated.open();
        await aggregatorFolded.opened;
      }
      const result = await lookupMisses(send, command);
      if (isRegisterWrite(command) && registersWritten < 99) registersWritten++;
      return result;
    });
    let heldTimelineWrite = false;
    const aggregator = wrapSend(db, async (send, command) => {
      const pk = String((command.input.Item as { pk?: string } | undefined)?.pk ?? '');
      if (!heldTimelineWrite && command.constructor.name === 'PutCommand' && /^(TOPIC|DAY)#/.test(pk)) {
        heldTimelineWrite = true;
        aggregatorFolded.open();
        await copyAbsorbed.opened;
      }
      return send(command);
    });
    const wireRun = ingestFeed(world.sourceOf('wire'), ingestDeps(wire)).then(() => copyAbsorbed.open());
    await copyCreated.opened;
    await Promise.all([wireRun, ingestFeed(world.sourceOf('agg'), ingestDeps(aggregator))]);
    expect(heldTimelineWrite).toBe(true);

    const items = await snapshotTable(db);
    const live = await liveCraneArticles(db);
    expect(live.map((article) => article.sources.map((source) => source.feedId).sort())).toEqual([
      ['agg', 'coast', 'wire'],
    ]);
    // Every shown timeline entry is the live article's; the absorbed copy's entries are markers.
    const shown = items.filter((item) => /^(DAY|TOPIC)#/.test(String(item.pk)) && item.article !== undefined);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((item) => (item.article as Article).articleId === live[0]!.articleId)).toBe(true);
    expect(items.some((item) => /^TOPIC#/.test(String(item.pk)) && item.absorbedInto === live[0]!.articleId)).toBe(
      true,
    );
  });

  it('a copy finds the crane through the register history when another story wrote the shared key in between', async () => {
    const db = await running.createTable(`recovery-${tables++}`);
    await ingestFeed(world.sourceOf('coast'), ingestDeps(db));
    await ingestFeed(world.sourceOf('other'), ingestDeps(wrapSend(db, lookupMisses)));
    await ingestFeed(world.sourceOf('late'), ingestDeps(wrapSend(db, lookupMisses)));
    const live = await liveCraneArticles(db);
    // The crane (with its late copy) and the other story under the same headline: two articles, not three.
    expect(live.map((article) => article.sources.map((source) => source.feedId).sort()).sort()).toEqual([
      ['coast', 'late'],
      ['other'],
    ]);
  });
});
