import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/model.ts';
import { CARD_SUMMARY_CHARS, timelineCardOf } from '../../../lib/store/timeline-card.ts';
import { dynamoItemBytes } from '../../support/item-size.ts';

const article = (summaryHtml: string | undefined, extra: Partial<Article> = {}): Article => ({
  articleId: 'AbCdEfGhIjKlMnOpQrStUv',
  url: 'https://news.example/2026/11/24/huawei-wins-thai-5g-core-contract-in-bangkok',
  title: 'Huawei wins Thai 5G core contract as Bangkok pushes sovereign cloud plans ahead of 2027 election',
  summaryHtml,
  contentHtml: `<p>${'Long article body. '.repeat(2000)}</p>`,
  publishedAt: '2026-11-24T08:15:00.000Z',
  firstSeenAt: '2026-11-24T08:20:00.000Z',
  authors: ['A. Writer', 'B. Writer', 'C. Writer', 'D. Writer'],
  categories: ['Telecoms', 'Asia', 'Cloud'],
  language: 'en',
  sources: [
    {
      feedId: 'news-example-abcdefgh',
      feedTitle: 'News Example',
      url: 'https://news.example/x',
      entryKey: 'g:0123456789012345678901',
      seenAt: '2026-11-24T08:20:00.000Z',
    },
    {
      feedId: 'wire-example-abcdefgh',
      feedTitle: 'Wire Example',
      url: 'https://wire.example/y',
      entryKey: 'g:0123456789012345678902',
      seenAt: '2026-11-24T08:40:00.000Z',
    },
  ],
  topics: [{ slug: 'china-sea-tech', why: ['title: huawei (word 1)'] }],
  ...extra,
});

describe('timeline cards', () => {
  it('keep a short summary as written and never the content', () => {
    const card = timelineCardOf(article('<p>Short <b>summary</b>.</p>'));
    expect(card.summaryHtml).toBe('<p>Short <b>summary</b>.</p>');
    expect(card.contentHtml).toBeUndefined();
    expect(card.topics).toEqual([]);
    expect(card.authors).toHaveLength(3);
  });

  it('turn a long summary into an escaped plain-text excerpt cut at a word', () => {
    const long = `<p>${'Chinese &amp; Thai regulators <i>met</i> again. '.repeat(40)}</p>`;
    const card = timelineCardOf(article(long));
    // cut at 400 characters of text; escaping `&` as `&amp;` may add a few
    expect(card.summaryHtml).toMatch(/^Chinese &amp; Thai regulators met again\. .*…$/);
    expect(card.summaryHtml!.replaceAll('&amp;', '&').length).toBeLessThanOrEqual(CARD_SUMMARY_CHARS + 1);
    expect(card.summaryHtml).not.toMatch(/<|\s…$/);
  });

  it('fall back to an excerpt of the content when there is no summary', () => {
    expect(timelineCardOf(article(undefined)).summaryHtml).toMatch(/^Long article body\. .*…$/);
  });

  const topicItem = (card: Article) => ({
    pk: 'TOPIC#china-sea-tech',
    sk: `${card.publishedAt}#${card.articleId}`,
    article: card,
    why: ['title: huawei (word 1)', 'summary: thai* (word 12)'],
    version: 3,
    expiresAt: 1_800_000_000,
  });

  it('fit one 1 KB write unit for a typical wire story, even with a summary at the excerpt limit', () => {
    const typical = article(`<p>${'word '.repeat(150)}</p>`, {
      title: 'Huawei wins Thai 5G core contract as Bangkok pushes sovereign cloud plans',
      authors: ['A. Writer'],
      categories: ['Telecoms'],
    });
    const card = timelineCardOf({ ...typical, sources: typical.sources.slice(0, 1) });
    expect(dynamoItemBytes(topicItem(card))).toBeLessThanOrEqual(1024);
  });

  it('stay within two write units for a heavy one (long headline, several outlets, authors and categories)', () => {
    const card = timelineCardOf(article(`<p>${'word '.repeat(150)}</p>`));
    expect(dynamoItemBytes(topicItem(card))).toBeLessThanOrEqual(2048);
  });
});
