import { describe, expect, it } from 'vitest';
import { backfillTopic, withMembership } from '../../../lib/topics/backfill-topic.ts';
import { compileTopic } from '../../../lib/topics/compile-topic.ts';
import { matchArticle } from '../../../lib/topics/match-topic.ts';
import { makeArticle } from './make-article.ts';

const definition = { slug: 'hw', title: 'Huawei', description: '', query: 'huawei', maxItems: 10, retentionDays: 7 };

describe('backfillTopic', () => {
  const topic = compileTopic(definition);
  if (!topic.ok) throw new Error(topic.error.message);
  const matching = makeArticle({ title: 'Huawei opens lab' });
  const stale = { ...makeArticle({ title: 'Ericsson opens lab' }), topics: [{ slug: 'hw', why: ['old'] }] };
  const current = matchArticle(topic.value, matching)!;
  const unchanged = { ...makeArticle({ title: 'Huawei again' }), articleId: 'a3' };
  const alreadyIn = { ...unchanged, topics: [matchArticle(topic.value, unchanged)!] };
  const reworded = { ...makeArticle({ title: 'Huawei wins' }), topics: [{ slug: 'hw', why: ['outdated reason'] }] };

  it('plans additions, removals and explanation updates; leaves the rest', () => {
    const plan = backfillTopic(topic.value, [matching, stale, alreadyIn, reworded]);
    expect(plan.changes.map((change) => [change.kind, change.article.title])).toEqual([
      ['added', 'Huawei opens lab'],
      ['removed', 'Ericsson opens lab'],
      ['explanation-changed', 'Huawei wins'],
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.matched).toBe(3);
  });

  it('withMembership replaces only this topic and keeps slugs sorted', () => {
    const article = {
      ...matching,
      topics: [
        { slug: 'zz', why: ['z'] },
        { slug: 'hw', why: ['old'] },
      ],
    };
    expect(withMembership(article, 'hw', current).topics).toEqual([current, { slug: 'zz', why: ['z'] }]);
    expect(withMembership(article, 'hw', undefined).topics).toEqual([{ slug: 'zz', why: ['z'] }]);
  });
});
