import { describe, expect, it } from 'vitest';
import { compileQuery, compileTopic } from '../../../lib/topics/compile-topic.ts';
import { matchArticle, matchQuery } from '../../../lib/topics/match-topic.ts';
import { topicQueryLimits } from '../../../lib/topics/query-ast.ts';
import { makeArticle } from './make-article.ts';

function matches(query: string, article: Parameters<typeof makeArticle>[0]): boolean {
  const compiled = compileQuery(query, topicQueryLimits);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return matchQuery(compiled.value, makeArticle(article)) !== undefined;
}

const huaweiVietnam = {
  title: 'Huawei wins 5G contract in Vietnam',
  summaryHtml: '<p>The <b>Chinese</b> vendor&#39;s deal covers the e-commerce hub &amp; data centres in Hanoi.</p>',
};

describe('matchQuery semantics', () => {
  it.each<[string, boolean]>([
    ['huawei', true],
    ['HUAWEI', true],
    ['ericsson', false],
    ['huawei vietnam', true],
    ['huawei AND ericsson', false],
    ['ericsson OR vietnam', true],
    ['huawei NOT ericsson', true],
    ['huawei NOT vietnam', false],
    ['NOT ericsson', true],
    ['"5g contract"', true],
    ['"contract 5g"', false],
    ['"e-commerce hub"', true],
    ['"e commerce"', true],
    ['ecommerce', false],
    ['data*', true],
    ['centre*', true],
    ['"data centre*"', true],
    ['viet*', true],
    ['chin*', true],
    ['vendor', true],
    ['b', false],
    ['title:huawei', true],
    ['title:chinese', false],
    ['summary:chinese', true],
    ['summary:huawei', false],
    ['title:(huawei OR ericsson)', true],
    ['huawei NEAR/4 vietnam', true],
    ['huawei NEAR/3 vietnam', false],
    ['vietnam NEAR/4 huawei', true],
    ['vietnam ONEAR/4 huawei', false],
    ['huawei ONEAR/4 vietnam', true],
    ['huawei NEAR/6 chinese', true],
    ['huawei NEAR/5 chinese', false],
    ['5g NEAR/0 huawei', false],
    ['contract NEAR/0 5g', true],
    ['huawei NEAR/1 huawei', false],
    ['(huawei OR zte) NEAR/2 (5g OR 4g)', true],
    ['(huawei NEAR/4 vietnam) NEAR/5 chinese', true],
    ['"vietnam the"', false],
    ['source:"test wire"', true],
    ['source:reuters', false],
    ['site:example.com', true],
    ['site:news.example.com', true],
    ['site:ample.com', false],
    ['site:other.org', false],
    ['lang:en', false],
  ])('%s → %s', (query, expected) => {
    expect(matches(query, huaweiVietnam)).toBe(expected);
  });

  it.each<[string, Parameters<typeof makeArticle>[0], boolean]>([
    ['lang:en', { title: 'x', language: 'en-US' }, true],
    ['lang:en', { title: 'x', language: 'de' }, false],
    ['lang:zh', { title: 'x', language: 'zh-Hans' }, true],
    ['category:technology', { title: 'x', categories: ['Science & Technology'] }, true],
    ['category:"science technology"', { title: 'x', categories: ['Science & Technology'] }, true],
    ['category:(tech OR policy)', { title: 'x', categories: ['Technology'] }, false],
    ['site:nikkei.com', { title: 'x', url: 'https://asia.nikkei.com/Business/a', sources: [] }, true],
    ['site:nikkei.com', { title: 'x', sources: [{ feedTitle: 'n', url: 'https://asia.nikkei.com/x' }] }, true],
    ['site:example.com', { title: 'x', url: 'https://user@News.Example.COM.:8443/a?b#c', sources: [] }, true],
    ['site:example.com', { title: 'x', url: 'https://example.com.evil.net/a', sources: [] }, false],
    ['site:example.com', { title: 'x', url: 'not a url', sources: [] }, false],
    ['china', { title: 'China’s chip push' }, true],
    ["china's", { title: 'China chip push' }, true],
    ['huawei', { title: '𝐇𝐮𝐚𝐰𝐞𝐢 unveils phone' }, true],
    ['huawei', { title: 'ｈｕａｗｅｉ unveils phone' }, true],
    ['huawei', { title: 'x', contentHtml: '<p>Huawei in the content only</p>' }, true],
    ['huawei', { title: 'x', summaryHtml: 'short', contentHtml: '<p>Huawei in the content only</p>' }, false],
    ['script', { title: 'x', summaryHtml: '<script>script()</script><style>.script{}</style>ok' }, false],
    ['"title summary"', { title: 'the title', summaryHtml: 'summary text' }, false],
    ['title NEAR/2 summary', { title: 'the title', summaryHtml: 'summary text' }, true],
    ['"a b"', { title: 'x', sources: [{ feedTitle: 'a' }, { feedTitle: 'b' }] }, false],
  ])('%s on %j → %s', (query, article, expected) => {
    expect(matches(query, article)).toBe(expected);
  });
});

describe('scripts and diacritics', () => {
  it.each<[string, string, boolean]>([
    // Chinese: the segmenter cuts 华为 into 华|为 and 印度尼西亚 into 印度|尼西亚; character runs still match.
    ['华为', '华为在印度尼西亚建设数据中心', true],
    ['印度尼西亚', '华为在印度尼西亚建设数据中心', true],
    ['数据中心', '华为在印度尼西亚建设数据中心', true],
    ['huawei OR 华为', '华为在印度尼西亚建设数据中心', true],
    ['华为 NEAR/5 数据中心', '华为在印度尼西亚建设数据中心', true],
    ['中兴', '华为在印度尼西亚建设数据中心', false],
    ['"为在"', '华为。在印度', false],
    // Thai: "Huawei" (หัวเว่ย) and "Thailand" (ประเทศไทย) written without spaces.
    ['หัวเว่ย', 'หัวเว่ยลงทุนในประเทศไทย', true],
    ['ประเทศไทย', 'หัวเว่ยลงทุนในประเทศไทย', true],
    ['หัวเว่ย NEAR/5 ไทย', 'หัวเว่ยลงทุนในประเทศไทย', true],
    ['จีน', 'หัวเว่ยลงทุนในประเทศไทย', false],
    // Vietnamese: written without diacritics the query folds them; written with them it is exact.
    ['"viet nam"', 'Huawei mở rộng tại Việt Nam', true],
    ['"việt nam"', 'Huawei mở rộng tại Việt Nam', true],
    ['"việt nam"', 'Huawei expands in Viet Nam', false],
    ['mo', 'Huawei mở rộng tại Việt Nam', true],
    ['mở', 'Huawei mở rộng tại Việt Nam', true],
    ['mỏ', 'Huawei mở rộng tại Việt Nam', false],
    ['"ha noi" OR hanoi', 'Trung tâm dữ liệu ở Hà Nội', true],
    ['du*', 'Trung tâm dữ liệu ở Hà Nội', true],
    ['"da nang"', 'Cảng Đà Nẵng', true],
    // Bahasa Indonesia and Malay are space-delimited Latin.
    ['"pusat data" AND tiongkok', 'Perusahaan Tiongkok membangun pusat data di Batam', true],
    ['kecerdasan NEAR/2 buatan', 'Malaysia dan China bekerjasama dalam kecerdasan buatan', true],
  ])('%s in %s → %s', (query, title, expected) => {
    expect(matches(query, { title })).toBe(expected);
  });
});

describe('matchArticle', () => {
  const definition = {
    slug: 'huawei-sea',
    title: 'Huawei in SEA',
    description: 'test',
    query: 'huawei AND (vietnam OR thailand)',
    maxItems: 200,
    retentionDays: 30,
  };

  it('returns the membership with why lines, or undefined', () => {
    const topic = compileTopic(definition);
    if (!topic.ok) throw new Error(topic.error.message);
    expect(matchArticle(topic.value, makeArticle(huaweiVietnam))).toEqual({
      slug: 'huawei-sea',
      why: ['title: huawei (word 1)', 'title: vietnam (word 6)'],
    });
    expect(matchArticle(topic.value, makeArticle({ title: 'Huawei in Kenya' }))).toBeUndefined();
  });

  it('honours the languages option; undeclared languages pass', () => {
    const topic = compileTopic({ ...definition, languages: ['vi'] });
    if (!topic.ok) throw new Error(topic.error.message);
    expect(matchArticle(topic.value, makeArticle({ ...huaweiVietnam, language: 'en' }))).toBeUndefined();
    expect(matchArticle(topic.value, makeArticle({ ...huaweiVietnam, language: 'vi-VN' }))).toBeDefined();
    expect(matchArticle(topic.value, makeArticle(huaweiVietnam))).toBeDefined();
  });

  it('returns the typed error of a bad query', () => {
    const topic = compileTopic({ ...definition, query: 'huawei AND (vietnam' });
    expect(topic.ok || topic.error.kind).toBe('unclosed-paren');
  });
});

describe('articles prepared before a query was compiled', () => {
  it('still find words the new query registers afterwards', () => {
    const article = makeArticle({ title: 'Zyxwvut unveils a quantumfoam chip', summaryHtml: 'Made by Zyxwvut.' });
    const early = compileQuery('chip', topicQueryLimits);
    if (!early.ok) throw new Error(early.error.message);
    expect(matchQuery(early.value, article)).toBeDefined(); // prepares and caches the article's index
    const late = compileQuery('quantumfoam AND "made by zyxwvut"', topicQueryLimits);
    if (!late.ok) throw new Error(late.error.message);
    expect(matchQuery(late.value, article)?.why).toEqual([
      'title: quantumfoam (word 4)',
      'summary: "made by zyxwvut" (word 1)',
    ]);
  });
});
