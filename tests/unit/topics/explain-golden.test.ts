import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../lib/topics/compile-topic.ts';
import { renderExplanation } from '../../../lib/topics/explain-match.ts';
import { explainArticle, matchQuery } from '../../../lib/topics/match-topic.ts';
import { topicQueryLimits } from '../../../lib/topics/query-ast.ts';
import { makeArticle } from './make-article.ts';

/** Reviewed by hand; regenerate with UPDATE_GOLDEN=1 and review the diff before committing. */
const goldenFile = path.resolve(import.meta.dirname, '../../fixtures/topics/explanations.golden.txt');

const cases: { query: string; article: Parameters<typeof makeArticle>[0] }[] = [
  {
    query: '(china OR chinese OR huawei) NEAR/10 (vietnam* OR thai*) AND (5g OR "data centre*")',
    article: {
      title: 'Huawei wins 5G contract in Vietnam',
      summaryHtml: 'The Chinese vendor will also build data centres for Vietnamese banks.',
    },
  },
  {
    query: 'title:(tiktok OR bytedance) AND (indonesia OR malaysia) NOT title:(newsletter OR "weekend reads")',
    article: { title: 'TikTok Shop faces new rules in Indonesia', summaryHtml: 'Malaysia is watching.' },
  },
  {
    query: 'title:(tiktok OR bytedance) AND (indonesia OR malaysia) NOT title:(newsletter OR "weekend reads")',
    article: { title: 'Weekend reads: TikTok, Indonesia and more', summaryHtml: '' },
  },
  {
    query: '(huawei OR 华为) AND site:nikkei.com AND lang:zh',
    article: {
      title: '华为在印度尼西亚建设数据中心',
      url: 'https://asia.nikkei.com/x',
      language: 'zh-Hans',
      sources: [],
    },
  },
  {
    query: '"viet nam" ONEAR/4 (chip* OR semiconductor*)',
    article: { title: 'Việt Nam đẩy mạnh sản xuất chip bán dẫn' },
  },
  {
    query: '"viet nam" ONEAR/3 (chip* OR semiconductor*)',
    article: { title: 'Việt Nam đẩy mạnh sản xuất chip bán dẫn' },
  },
];

function render(): string {
  const blocks = cases.map(({ query, article }) => {
    const compiled = compileQuery(query, topicQueryLimits);
    if (!compiled.ok) throw new Error(compiled.error.message);
    const built = makeArticle(article);
    const match = matchQuery(compiled.value, built);
    return [
      `query: ${query}`,
      `title: ${article.title}`,
      `matched: ${match !== undefined}`,
      ...(match?.why ?? []).map((line) => `why: ${line}`),
      ...renderExplanation(explainArticle(compiled.value, built)),
    ].join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

describe('golden explanations', () => {
  it('match the reviewed file', () => {
    const actual = render();
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenFile, actual);
    expect(actual).toBe(readFileSync(goldenFile, 'utf8'));
  });
});
