import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import { writeTimelineEntries } from '../../../lib/store/timeline.ts';
import { listTopicEntries } from '../../../lib/store/topic-entries.ts';
import { startEmbeddedDb } from '../../../local/embedded-db.ts';

const run = promisify(execFile);
const fixtures = path.resolve(import.meta.dirname, '../../fixtures/topics');

/** Runs `npm run topic -- …` the way an analyst does, without npm's banner. */
async function topic(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'local/topic-cli.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('topic CLI', () => {
  it('check accepts config/topics.yaml', async () => {
    const result = await topic(['check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok  china-sea-tech');
    expect(result.stdout.match(/^ok {2}/gm)).toHaveLength(4);
  });

  it('check reports every query error with file line, column and caret, and fails', async () => {
    const file = path.join(fixtures, 'topics-with-errors.yaml');
    const result = await topic(['check', '--config', file]);
    expect(result.code).toBe(1);
    const located = result.stderr.match(/topics-with-errors\.yaml:\d+:\d+: topic "[a-z-]+"/g);
    expect(located).toEqual([
      'topics-with-errors.yaml:11:11: topic "unclosed"',
      'topics-with-errors.yaml:16:10: topic "unknown-field"',
      'topics-with-errors.yaml:21:11: topic "bad-near"',
    ]);
    expect(result.stderr).toContain('      AND (5g OR cyber*\n          ^');
  });

  it('match prints one JSON line per item with the explanation', async () => {
    const result = await topic([
      'match',
      'china-sea-tech',
      '--items',
      path.join(fixtures, 'china-sea-tech-sample.jsonl'),
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(28);
    expect(lines[0]).toMatchObject({ id: 'sample-01', matched: true });
    expect(lines[0].why).toContain('title: tiktok (word 3)');
    expect(lines[12]).toEqual({ id: 'sample-13', matched: false, why: [] });
  });

  it('test prints scores and every false positive with its explanation; --query tries a change', async () => {
    const labels = path.join(fixtures, 'china-sea-tech-sample.jsonl');
    const result = await topic(['test', 'china-sea-tech', '--labels', labels]);
    expect(result.stdout).toMatch(/^all +n= +28 {2}P 0\.923 {2}R 1\.000 {2}F1 0\.960/m);
    expect(result.stdout).toContain('FALSE POSITIVES (matched, labeled 0): 1');
    expect(result.stdout).toContain('why: "e-commerce" (title word 7) NEAR/20 chinese (title word 6): adjacent');
    const tried = await topic(['test', 'china-sea-tech', '--labels', labels, '--query', 'tiktok', '--json']);
    const report = JSON.parse(tried.stdout);
    expect(report.all).toMatchObject({ tp: 2, fp: 1 });
  });
});

describe('topic backfill', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wirefold-backfill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds stored articles of the last days to a topic; running it again writes nothing new', async () => {
    const now = new Date().toISOString();
    const article = (articleId: string, title: string): Article => ({
      articleId,
      title,
      publishedAt: now,
      firstSeenAt: now,
      authors: [],
      categories: [],
      sources: [],
      topics: [],
    });
    const seeded = await startEmbeddedDb({ dataDir, tableName: 'wirefold' });
    await writeTimelineEntries(seeded.db, article('a1', 'Huawei wins 5G contract in Vietnam'), 1, [], 30);
    await writeTimelineEntries(seeded.db, article('a2', 'Ericsson wins 5G contract in Vietnam'), 1, [], 30);
    await seeded.close();

    const env = { DATA_DIR: dataDir, TABLE_NAME: 'wirefold' };
    const first = await topic(['backfill', 'huawei-zte-networks', '--days', '2'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('{"change":"added","id":"a1","title":"Huawei wins 5G contract in Vietnam"}');
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({ scanned: 2, added: 1, removed: 0 });

    const dryRun = await topic(['backfill', 'huawei-zte-networks', '--days', '2', '--dry-run'], env);
    expect(JSON.parse(dryRun.stdout.trim().split('\n').at(-1)!)).toMatchObject({ dryRun: true, scanned: 2 });
    const second = await topic(['backfill', 'huawei-zte-networks', '--days', '2'], env);
    expect(second.code).toBe(0);

    const reopened = await startEmbeddedDb({ dataDir, tableName: 'wirefold' });
    try {
      const page = await listTopicEntries(reopened.db, 'huawei-zte-networks', { limit: 10 });
      expect(page.ok && page.value.entries.map((entry) => [entry.article.articleId, entry.why])).toEqual([
        ['a1', ['title: huawei (word 1)', 'title: 5g (word 3)']],
      ]);
    } finally {
      await reopened.close();
    }
  });
});
