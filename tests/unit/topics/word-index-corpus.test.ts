import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopicsYaml } from '../../../lib/config.ts';
import { articleTextOf } from '../../../lib/topics/article-text.ts';
import { compileTopic } from '../../../lib/topics/compile-topic.ts';
import { itemToArticle, type TopicItem } from '../../../lib/topics/item-to-article.ts';
import { childrenOf, type QueryNode, type TermNode } from '../../../lib/topics/query-ast.ts';
import { tokenizeNormalized } from '../../../lib/topics/tokenize-text.ts';
import { WordIndex } from '../../../lib/topics/word-index.ts';

/**
 * The word index on real text: for every item, the words it numbers and every pattern of the configured topics
 * are where the plain tokenizer (tokenize-text.ts) puts them. The scanners only record pattern hits, so this is
 * what proves they never miss or invent one on the text feeds actually send.
 */

const configFile = path.resolve(process.cwd(), 'config/topics.yaml');
const sampleFile = path.resolve(process.cwd(), 'tests/fixtures/topics/china-sea-tech-sample.jsonl');
const devFile = path.resolve(process.cwd(), '../shared/topics/china-sea-tech/dev.jsonl');
const hasDev = existsSync(devFile);
if (!hasDev)
  console.warn(`skipping the word index check on dev items: ${devFile} is absent (it lives beside the repo)`);

function readItems(file: string): TopicItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TopicItem);
}

function termsOf(node: QueryNode): TermNode[] {
  return node.kind === 'term' ? [node] : childrenOf(node).flatMap(termsOf);
}

/** Every whole word and prefix the configured topics look up, with its slot. */
function configuredPatterns(): { text: string; slot: number; prefix: boolean }[] {
  const parsed = parseTopicsYaml(readFileSync(configFile, 'utf8'), configFile);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const patterns = new Map<string, { text: string; slot: number; prefix: boolean }>();
  for (const definition of parsed.value) {
    const topic = compileTopic(definition);
    if (!topic.ok) throw new Error(topic.error.message);
    for (const term of termsOf(topic.value.query.root)) {
      term.words.forEach((word, at) => {
        const prefix = term.prefix && at === term.words.length - 1;
        if (!word.substring) patterns.set(`${prefix}${word.text}`, { text: word.text, slot: term.slots[at]!, prefix });
      });
    }
  }
  return [...patterns.values()];
}

/** Compares the index with the tokenizer on every item; returns the disagreements and how many hits were checked. */
function compareWithTokenizer(items: readonly TopicItem[]): { mismatches: string[]; hits: number } {
  const patterns = configuredPatterns();
  const mismatches: string[] = [];
  let hits = 0;
  for (const item of items) {
    const text = articleTextOf(itemToArticle(item));
    const index = new WordIndex();
    index.addNormalizedSegment('title', 0, text.title);
    index.addNormalizedSegment('summary', 1, text.summary);
    const tokens = [...tokenizeNormalized(text.title), ...tokenizeNormalized(text.summary)];
    const words = [...tokens.keys()].map((position) => index.wordAt(position));
    if (words.join(' ') !== tokens.map((token) => token.word).join(' ')) mismatches.push(`${item.id}: words differ`);
    for (const { text: pattern, slot, prefix } of patterns) {
      for (const sensitive of [false, true]) {
        const expected: number[] = [];
        tokens.forEach(({ word, folded }, position) => {
          const forms = sensitive ? [word] : [word, folded];
          if (forms.some((form) => (prefix ? form.startsWith(pattern) : form === pattern))) expected.push(position);
        });
        const found = index.positionsOf(pattern, slot, prefix, sensitive);
        if (found.join() !== expected.join()) {
          mismatches.push(`${item.id}: ${pattern}${prefix ? '*' : ''} at ${found} instead of ${expected}`);
        }
        hits += expected.length;
      }
    }
  }
  return { mismatches, hits };
}

describe('WordIndex on real items', () => {
  it('agrees with the tokenizer on the bundled sample items', () => {
    const { mismatches, hits } = compareWithTokenizer(readItems(sampleFile));
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(100);
  });

  it.skipIf(!hasDev)('agrees with the tokenizer on every development item', () => {
    const { mismatches, hits } = compareWithTokenizer(readItems(devFile));
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(5000);
  });
});
