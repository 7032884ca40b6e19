import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../lib/fetch/decode-text.ts';
import { normalizeFeed, normalizeFeedDetailed } from '../../../lib/normalize/normalize-feed.ts';
import { parseFeed } from '../../../lib/parse/parse-feed.ts';

// Golden files: each small feed under tests/fixtures/parse/ has `<name>.expected.json` beside it, written once with
// UPDATE_GOLDEN=1 and then read and checked by hand. A change in output shows up as a diff to review, never silently.
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/parse');
const CONTEXT = { feedUrl: 'https://feeds.example.com/path/feed.xml', fetchedAt: '2026-01-01T00:00:00.000Z' };

function readThrough(file: string): unknown {
  // Bytes are decoded by the fetch stage's decoder, exactly as in production.
  const { text } = decodeText(readFileSync(path.join(FIXTURES, file)));
  const parsed = parseFeed(text);
  if (!parsed.ok) return { error: parsed.error };
  const { feed, entries } = normalizeFeedDetailed(parsed.value, CONTEXT);
  // What the pipeline stores (normalizeFeed) is the detailed view minus the entries nothing can be shown of.
  const stored = normalizeFeed(parsed.value, CONTEXT).map((entry) => entry.entryKey);
  return JSON.parse(JSON.stringify({ format: parsed.value.format, feed, entries, stored }));
}

const inputs = readdirSync(FIXTURES).filter(
  (file) => /\.(xml|json|html)$/.test(file) && !file.endsWith('.expected.json'),
);

describe('golden feeds', () => {
  it('has fixtures to check', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(inputs)('%s', (file) => {
    const actual = readThrough(file);
    const expectedPath = path.join(FIXTURES, `${file}.expected.json`);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});
