import { createHash } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFarmModel, NO_FAULTS } from '../../bench/stress/farm-model.ts';
import { type FarmServer, startFarmServer } from '../../bench/stress/farm-server.ts';
import { farmSources, farmTopics, runFarm } from '../../bench/stress/run-farm.ts';
import { serveDepsFor } from '../../lambdas/serve-deps.ts';
import { startServer } from '../../local/server.ts';
import { startDynalite } from '../support/dynalite.ts';

/**
 * Readers polling while the ingest writes: concurrent GETs of the topic feeds (all formats), the all-feed, the index
 * and /sources during two ingest rounds. No 5xx; every page parses and is self-consistent (no torn page: unique
 * ids, newest first, every item complete); one strong ETag always means one body; once writes stop, ETags are stable
 * and conditional GETs answer 304.
 */
const model = buildFarmModel({
  seed: 5,
  feeds: 8,
  rounds: 2,
  faults: NO_FAULTS,
  baseTime: '2026-11-20T06:00:00.000Z',
  firstRoundItems: [2, 5],
});
const PATHS = [
  '/topics/chips.json',
  '/topics/chips.rss',
  '/topics/chips.atom',
  '/topics/sea-5g.json',
  '/topics/sea-5g.rss?limit=5',
  '/feeds/all.json?limit=20',
  '/feeds/all.atom',
  '/',
  '/sources',
];
interface Seen {
  readonly path: string;
  readonly status: number;
  readonly etag: string | null;
  readonly bodyHash: string;
  readonly problem?: string;
}

let farm: FarmServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let api: Awaited<ReturnType<typeof startServer>>;
const seen: Seen[] = [];

/** What makes a page torn: unparsable, duplicate ids, items out of order, or items missing required fields. */
function pageProblem(path: string, contentType: string, body: string): string | undefined {
  if (contentType.includes('json')) {
    let parsed: { items?: { id?: string; title?: string; date_published?: string }[] };
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      return `JSON does not parse: ${(error as Error).message}`;
    }
    if (!path.startsWith('/topics/') && !path.startsWith('/feeds/')) return undefined;
    const items = parsed.items ?? [];
    const ids = items.map((i) => i.id);
    if (new Set(ids).size !== ids.length) return 'duplicate item ids';
    if (items.some((i) => !i.id || !i.title || !i.date_published)) return 'an item lacks id, title or date';
    const dates = items.map((i) => i.date_published ?? '');
    if (dates.some((d, k) => k > 0 && d > dates[k - 1]!)) return 'items are not newest first';
    return undefined;
  }
  if (contentType.includes('xml')) {
    const valid = XMLValidator.validate(body);
    if (valid !== true) return `XML not well-formed: ${valid.err.msg}`;
    const ids = [...body.matchAll(/<(?:guid|id)[^>]*>([^<]+)<\/(?:guid|id)>/g)].map((m) => m[1]);
    if (new Set(ids).size !== ids.length) return 'duplicate ids';
  }
  if (contentType.includes('html') && !body.trimEnd().endsWith('</html>')) return 'HTML page is cut short';
  return undefined;
}

async function poll(path: string, headers: Record<string, string> = {}): Promise<Seen> {
  const response = await fetch(`${api.url}${path}`, { headers });
  const body = await response.text();
  const problem =
    response.status === 200 ? pageProblem(path, response.headers.get('content-type') ?? '', body) : undefined;
  return {
    path,
    status: response.status,
    etag: response.headers.get('etag'),
    bodyHash: createHash('sha256').update(body).digest('hex'),
    ...(problem ? { problem } : {}),
  };
}

beforeAll(async () => {
  farm = await startFarmServer(model);
  dynalite = await startDynalite();
  api = await startServer({
    host: '127.0.0.1',
    port: 0,
    deps: serveDepsFor({ db: dynalite.db, topics: farmTopics().topics, feeds: farmSources(model, farm.origin) }),
  });
  let writing = true;
  const readers = Array.from({ length: 6 }, async (_, reader) => {
    // Bounded: at most 400 requests per reader, and they stop when the writer does.
    for (let n = 0; writing && n < 400; n++) seen.push(await poll(PATHS[(reader + n) % PATHS.length]!));
  });
  await runFarm(model, farm.origin, dynalite.db, {
    timeoutMs: 2_000,
    maxBytes: 1024 * 1024,
    concurrency: 4,
    setRound: (n) => farm.setRound(n),
  }).finally(() => {
    writing = false;
  });
  await Promise.all(readers);
}, 90_000);
afterAll(async () => {
  await api?.close();
  await farm?.close();
  await dynalite?.close();
});

describe('API under load while ingest writes', () => {
  it('served a meaningful number of reads during the writes', () => {
    console.info(`api under load: ${seen.length} GETs during 2 ingest rounds`);
    expect(seen.length).toBeGreaterThan(PATHS.length * 3);
  });

  it('no 5xx, and every page parses and is consistent', () => {
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
    expect(seen.filter((s) => s.problem)).toEqual([]);
  });

  it('one strong ETag never stands for two different bodies', () => {
    const bodies = new Map<string, Set<string>>();
    for (const s of seen) {
      if (s.status !== 200 || !s.etag) continue;
      const key = `${s.path} ${s.etag}`;
      bodies.set(key, (bodies.get(key) ?? new Set()).add(s.bodyHash));
    }
    expect([...bodies].filter(([, hashes]) => hashes.size > 1).map(([key]) => key)).toEqual([]);
  });

  it.each(PATHS)('once writes stop, %s keeps its ETag and answers 304 to it', async (path) => {
    const first = await poll(path);
    const second = await poll(path);
    expect(first.status).toBe(200);
    expect(second.etag).toBe(first.etag);
    expect(second.bodyHash).toBe(first.bodyHash);
    if (first.etag) expect((await poll(path, { 'if-none-match': first.etag })).status).toBe(304);
  });
});
