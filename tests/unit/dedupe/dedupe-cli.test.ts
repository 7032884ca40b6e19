import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = path.join(root, 'tests/fixtures/dedupe/pairs.jsonl');
const scratch = mkdtempSync(path.join(tmpdir(), 'wirefold-dedupe-cli-'));

function runCli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'local/dedupe-cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeScratch(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('npm run dedupe -- pairs', () => {
  it('prints one JSON line per pair with pair_id, duplicate and why', () => {
    const { status, stdout } = runCli('pairs', fixture);
    expect(status).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const expected = readFileSync(fixture, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.pair_id)).toEqual(expected.map((pair) => pair.pair_id));
    expect(lines.map((line) => line.duplicate)).toEqual(expected.map((pair) => pair.label === 1));
    for (const line of lines)
      expect(line.why).toMatchObject({ rule: expect.any(String), thresholds: expect.any(Object) });
  });

  it('with --labels prints precision, recall, F1, per-kind figures and the wrong pairs', () => {
    const flipped = readFileSync(fixture, 'utf8')
      .trim()
      .split('\n')
      .map((line, index) => (index === 0 ? line.replace('"label":1', '"label":0') : line))
      .join('\n');
    const { status, stdout } = runCli('pairs', writeScratch('flipped.jsonl', flipped), '--labels');
    expect(status).toBe(0);
    const report = JSON.parse(stdout.slice(stdout.indexOf('{\n')));
    expect(report.overall).toMatchObject({ tp: 3, fp: 1, fn: 0, tn: 8, precision: 0.75, recall: 1 });
    expect(report.byKind.map((kind: { kind: string }) => kind.kind)).toContain('template-title');
    expect(report.wrong).toEqual([expect.objectContaining({ pair_id: 't01', label: false, duplicate: true })]);
  });

  it('reports a malformed line with its number, still decides the others, and exits non-zero', () => {
    const [first, second] = readFileSync(fixture, 'utf8').trim().split('\n');
    const file = writeScratch('bad.jsonl', `${first}\n{not json\n{"pair_id":"x","a":{}}\n${second}\n`);
    const { status, stdout, stderr } = runCli('pairs', file);
    expect(status).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/bad\.jsonl:2: not JSON/);
    expect(stderr).toMatch(/bad\.jsonl:3: a\.title/);
  });

  it('prints nothing and exits 0 on empty input', () => {
    const { status, stdout, stderr } = runCli('pairs', writeScratch('empty.jsonl', ''));
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('explains its usage and exits 2 without a file', () => {
    const { status, stderr } = runCli('pairs');
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage/);
  });
});
