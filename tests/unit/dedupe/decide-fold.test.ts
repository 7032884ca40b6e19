import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideFold } from '../../../lib/dedupe/decide-fold.ts';
import type { DedupeItem } from '../../../lib/dedupe/dedupe-item.ts';
import { parsePairFile } from '../../../lib/dedupe/pair-file.ts';

const fixture = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/dedupe/pairs.jsonl'), 'utf8');
const { pairs } = parsePairFile(fixture);

describe('decideFold on the team-written hard kinds', () => {
  it.each(pairs.map((pair) => [pair.pairId, pair.kind, pair] as const))('%s (%s)', (_id, _kind, pair) => {
    const decision = decideFold(pair.stored, pair.arriving);
    expect(decision.duplicate, JSON.stringify(decision.why)).toBe(pair.label);
  });

  it.each([
    ['t01', 'shared-lede'],
    ['t02', 'same-title-no-summary'],
    ['t03', 'same-article-link'],
    ['t05', 'too-far-apart'],
    ['t06', 'guarded'],
    ['t07', 'guarded'],
    ['t08', 'guarded'],
    ['t09', 'summaries-differ'],
    ['t10', 'titles-differ'],
    ['t11', 'guarded'],
  ])('%s is decided by rule %s', (pairId, rule) => {
    const pair = pairs.find((candidate) => candidate.pairId === pairId)!;
    expect(decideFold(pair.stored, pair.arriving).why.rule).toBe(rule);
  });

  it.each([
    ['t06', 'numbers-differ'],
    ['t07', 'template-title'],
    ['t08', 'live-page'],
    ['t11', 'roundup-or-newsletter'],
  ])('%s names the guard %s', (pairId, guard) => {
    const pair = pairs.find((candidate) => candidate.pairId === pairId)!;
    expect(decideFold(pair.stored, pair.arriving).why.guards).toContain(guard);
  });

  it('reports signals and the thresholds in force', () => {
    const pair = pairs[0]!;
    const { why } = decideFold(pair.stored, pair.arriving, { thresholds: { minSummaryOverlap: 0.99 } });
    expect(why.thresholds.minSummaryOverlap).toBe(0.99);
    expect(why.signals.summaryOverlap).toBeGreaterThan(0.5);
    expect(why.signals.hoursApart).toBeCloseTo(3.5, 2);
    expect(why.explanation).toMatch(/summar/);
  });

  it('never folds when the thresholds are made stricter', () => {
    const strict = { maxHoursApart: 0, maxHoursTitleAlone: 0 };
    const folded = pairs.filter((pair) => decideFold(pair.stored, pair.arriving, { thresholds: strict }).duplicate);
    const linkRules = ['same-canonical-url', 'same-article-link'];
    expect(folded.map((pair) => pair.pairId)).toEqual(['t03']);
    expect(folded.every((pair) => linkRules.includes(decideFold(pair.stored, pair.arriving).why.rule))).toBe(true);
  });
});

const word = fc.constantFrom(
  'port',
  'crane',
  'flood',
  'bank',
  'rates',
  'council',
  'tram',
  'river',
  'five',
  '12',
  'the',
);
const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const item: fc.Arbitrary<DedupeItem> = fc.record(
  {
    title: text(1, 10),
    summary: text(0, 40),
    url: fc.constantFrom('https://a.example/x-y-z-w', 'https://b.example/p/1234567', 'https://www.a.example/x-y-z-w/'),
    publishedAt: fc
      .integer({ min: 0, max: 10 * 86_400_000 })
      .map((ms) => new Date(Date.UTC(2024, 0, 1) + ms).toISOString()),
  },
  { requiredKeys: ['title'] },
);

describe('decideFold invariants', () => {
  it('is symmetric: the order of arrival does not change whether two items fold', () => {
    fc.assert(
      fc.property(item, item, (a, b) => {
        expect(decideFold(a, b).duplicate).toBe(decideFold(b, a).duplicate);
      }),
      { numRuns: 300 },
    );
  });

  it('folds an item with itself', () => {
    fc.assert(
      fc.property(item, (a) => {
        expect(decideFold(a, a).duplicate || !a.url).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
