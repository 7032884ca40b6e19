import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopicsYaml } from '../../../lib/config.ts';
import { locateQueriesInYaml } from '../../../lib/topics/locate-query.ts';
import { validateTopics } from '../../../lib/topics/validate-topics.ts';

const file = path.resolve(import.meta.dirname, '../../fixtures/topics/topics-with-errors.yaml');

describe('validateTopics', () => {
  it('reports every broken query at once, located in the YAML file', () => {
    const text = readFileSync(file, 'utf8');
    const parsed = parseTopicsYaml(text, 'topics-with-errors.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const problems = validateTopics(parsed.value, locateQueriesInYaml(text));
    expect(problems.map(({ slug, line, column }) => ({ slug, line, column }))).toEqual([
      // Block scalar: the query starts on line 10, column 5; the "(" of "(5g" is on its second line.
      { slug: 'unclosed', line: 11, column: 11 },
      // Plain scalar on the key's line.
      { slug: 'unknown-field', line: 16, column: 10 },
      // Double-quoted: the column counts from inside the quote.
      { slug: 'bad-near', line: 21, column: 11 },
    ]);
    expect(problems[0]?.caret).toBe('  AND (5g OR cyber*\n      ^');
    expect(problems[1]?.message).toMatch(/unknown field "tilte:"/);
    expect(problems[2]?.message).toMatch(/NEAR\/ONEAR measure distance between words/);
    const lines = text.split('\n');
    expect(lines[10]?.slice(10)).toMatch(/^\(5g/);
    expect(lines[15]?.slice(9)).toMatch(/^tilte:/);
    expect(lines[20]?.slice(10)).toMatch(/^\(huawei/);
  });

  it('flags duplicate slugs and bad language tags, and returns nothing for good topics', () => {
    const base = { title: 't', description: '', query: 'a', maxItems: 10, retentionDays: 1 };
    expect(validateTopics([{ ...base, slug: 'a' }])).toEqual([]);
    const problems = validateTopics([
      { ...base, slug: 'a' },
      { ...base, slug: 'a', languages: ['english!'] },
    ]);
    expect(problems.map((problem) => problem.message)).toEqual([
      'slug is defined more than once',
      'languages: "english!" is not a language tag',
    ]);
  });
});
