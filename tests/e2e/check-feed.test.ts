import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededServer } from './serve-fixture.ts';

/**
 * Every feed route in every format, served by the local server over dynalite, read by consumers we did not
 * write (../shared/tools/check-feed: W3C validator, xmllint, Atom RELAX NG, feedparser, newsboat, rsstail,
 * JSON Feed schema, feedsmith, feed-extractor, HTTP caching checks). Zero FAIL is the bar.
 */

const toolDir = resolve(process.cwd(), '../shared/tools/check-feed');
const hasTool = existsSync(`${toolDir}/setup`);
const ready = hasTool && spawnSync(`${toolDir}/setup`, ['--check']).status === 0;
if (!ready) {
  console.warn(
    hasTool
      ? `check-feed e2e skipped: tools missing; run ${toolDir}/setup`
      : `check-feed e2e skipped: ${toolDir} not found (../shared is beside the repo in CI only)`,
  );
}

async function checkFeed(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(`${toolDir}/check-feed`, args);
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

const STORIES = 60;

/** `PASS 8, SKIP 0, FAIL 0, warnings 2` from check-feed's table. */
function summarize(out: string): string {
  const lines = out.split('\n');
  const count = (word: string) => lines.filter((line) => new RegExp(`\\s${word}\\s`).test(line)).length;
  return `PASS ${count('PASS')}, SKIP ${count('SKIP')}, FAIL ${count('FAIL')}, warnings ${lines.filter((l) => l.includes('warn:')).length}`;
}
const FORMATS = ['rss', 'atom', 'json'] as const;

describe.skipIf(!ready)('served feeds pass real consumers (check-feed)', () => {
  let server: { url: string; close(): Promise<void> };
  let counts: Record<string, number>;

  beforeAll(async () => {
    server = await startSeededServer(STORIES);
    const topics = (await (await fetch(`${server.url}/topics`)).json()) as {
      topics: { slug: string; item_count: number }[];
    };
    counts = Object.fromEntries(topics.topics.map((t) => [t.slug, t.item_count]));
  }, 120_000);
  afterAll(() => server?.close());

  const cases = [
    ...FORMATS.flatMap((f) => [
      { path: `/topics/china-sea-tech.${f}`, topic: 'china-sea-tech' },
      { path: `/topics/chips.${f}?limit=5`, items: 5 },
      { path: `/feeds/all.${f}`, items: 50 },
      { path: `/feeds/all.${f}?q=huawei+OR+semiconductor*&limit=10`, items: 10 },
    ]),
    // An empty feed is valid too (except for feed-extractor, which throws on an Atom feed with no entries).
    { path: '/topics/empty.rss', items: 0 },
    { path: '/topics/empty.json', items: 0 },
  ];

  // Concurrent: each case waits on an external process (jing's JVM start dominates), not on this worker.
  it.concurrent.each(cases)(
    '$path',
    async ({ path, topic, items }) => {
      const expected = topic ? Math.min(counts[topic] ?? 0, 50) : items!;
      expect(expected, 'fixture must put items in the feed').toBeGreaterThanOrEqual(path.includes('empty') ? 0 : 1);
      const result = await checkFeed(`${server.url}${path}`, '--expect-items', String(expected));
      console.info(`check-feed ${path}: ${summarize(result.out)}`);
      expect(result.code, result.out).toBe(0);
      expect(result.out).not.toMatch(/\bFAIL\b/);
    },
    60_000,
  );

  it('the empty Atom feed passes every consumer that accepts empty feeds', async () => {
    const only = 'http,xmllint,atom-rng,w3c-feedvalidator,feedparser,newsboat,rsstail,feedsmith,spec-lint';
    const result = await checkFeed(`${server.url}/topics/empty.atom`, '--expect-items', '0', '--only', only);
    expect(result.code, result.out).toBe(0);
  }, 60_000);

  it.each(FORMATS)(
    'page 2 of a paged %s feed (RFC 5005 next link) passes too',
    async (format) => {
      const first = await fetch(`${server.url}/topics/china-sea-tech.${format}?limit=10`);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
      expect(next).toBeDefined();
      const result = await checkFeed(next!, '--expect-items', '10');
      expect(result.code, result.out).toBe(0);
    },
    60_000,
  );

  it('the OPML subscription list is well-formed XML', async () => {
    const response = await fetch(`${server.url}/topics.opml`);
    expect(response.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const lint = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: await response.text() });
    expect(lint.status, String(lint.stderr)).toBe(0);
  });
});
