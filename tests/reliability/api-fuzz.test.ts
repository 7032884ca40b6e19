import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFarmModel, NO_FAULTS, seededRandom } from '../../bench/stress/farm-model.ts';
import { type FarmServer, startFarmServer } from '../../bench/stress/farm-server.ts';
import { farmSources, farmTopics, runFarm } from '../../bench/stress/run-farm.ts';
import { serveDepsFor } from '../../lambdas/serve-deps.ts';
import type { Article } from '../../lib/model.ts';
import { type ApiRequest, type ServeDeps, serveRequest } from '../../lib/serve.ts';
import { compileQuery } from '../../lib/topics/compile-topic.ts';
import { matchQuery } from '../../lib/topics/match-topic.ts';
import { startDynalite } from '../support/dynalite.ts';

/**
 * The API against anything a client can send: fuzzed paths, query strings and headers (fast-check, bounded runs)
 * never produce a 5xx, an unbounded body, or a header carrying CR/LF; adversarial `?q=` queries are refused or
 * answered within a time bound, and the matcher's worst case over a full scan (2,000 articles) is measured.
 */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const FUZZ_RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 300);
let farm: FarmServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
let deps: ServeDeps;

beforeAll(async () => {
  const model = buildFarmModel({
    seed: 9,
    feeds: 6,
    rounds: 1,
    faults: NO_FAULTS,
    baseTime: new Date(Date.now() - 3_600_000).toISOString(),
    firstRoundItems: [3, 5],
  });
  farm = await startFarmServer(model);
  dynalite = await startDynalite();
  await runFarm(model, farm.origin, dynalite.db, {
    timeoutMs: 2_000,
    maxBytes: 1024 * 1024,
    concurrency: 3,
    setRound: (n) => farm.setRound(n),
  });
  deps = serveDepsFor({ db: dynalite.db, topics: farmTopics().topics, feeds: farmSources(model, farm.origin) });
}, 60_000);
afterAll(async () => {
  await farm?.close();
  await dynalite?.close();
});

async function checkResponse(request: ApiRequest) {
  const response = await serveRequest(request, deps);
  const label = JSON.stringify(request).slice(0, 300);
  expect(response.status, label).toBeLessThan(500);
  expect(response.body?.length ?? 0, label).toBeLessThanOrEqual(MAX_BODY_BYTES);
  for (const [name, value] of Object.entries(response.headers)) {
    expect(/[\r\n\0]/.test(`${name}${value}`), `header ${name}: ${JSON.stringify(value)} for ${label}`).toBe(false);
  }
  return response;
}

const KNOWN_PATHS = [
  '/',
  '/topics',
  '/topics.opml',
  '/topics/chips.rss',
  '/topics/sea-5g.json',
  '/feeds/all.atom',
  '/sources',
  '/healthz',
];
const segment = fc.oneof(
  fc.constantFrom(
    'topics',
    'feeds',
    'all',
    'chips.json',
    'sea-5g',
    '..',
    '.',
    '%2e%2e',
    '%00',
    '%',
    '%zz',
    'index.html',
  ),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc.string({ maxLength: 12, unit: 'binary' }),
);
const path = fc.oneof(
  fc.constantFrom(...KNOWN_PATHS),
  fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  fc.string({ maxLength: 3000 }),
);
const queryPart = fc.oneof(
  fc
    .tuple(fc.constantFrom('limit', 'cursor', 'q', 'format', 'limit[]', ''), fc.string({ maxLength: 80 }))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`),
  fc.constantFrom(
    'limit=0',
    'limit=-1',
    'limit=1e9',
    'limit=201',
    'limit=20&limit=30',
    'cursor=%FF%FE',
    'q=%',
    'q',
    '&&&',
    '=x',
  ),
  fc.string({ maxLength: 60 }),
);
const rawQuery = fc.array(queryPart, { maxLength: 5 }).map((parts) => parts.join('&'));
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('*', 'W/"x"', '"x", *', 'gzip;q=0, br', 'identity;q=0', ''),
);
const headers = fc.record(
  {
    host: fc.oneof(
      fc.constant('wirefold.test'),
      fc.string({ maxLength: 300 }),
      fc.constant('evil.example\r\nX-Injected: 1'),
    ),
    'if-none-match': headerValue,
    'if-modified-since': fc.oneof(
      headerValue,
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    ),
    'accept-encoding': headerValue,
    accept: headerValue,
    'x-forwarded-proto': fc.constantFrom('https', 'http', 'javascript', ''),
    origin: headerValue,
  },
  { requiredKeys: [] },
);
const method = fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'DELETE', 'get', 'PROPFIND', 'X'.repeat(100));

describe('fuzzed requests against serveRequest', () => {
  it(`${FUZZ_RUNS} random requests: no 5xx, bounded bodies, no CR/LF in headers`, async () => {
    await fc.assert(
      fc.asyncProperty(method, path, rawQuery, headers, async (m, p, q, h) => {
        await checkResponse({ method: m, path: p, rawQuery: q, headers: h });
      }),
      { numRuns: FUZZ_RUNS, seed: 20261125 },
    );
  }, 60_000);
});

// Each is a way to make a query engine work hard: depth, width, distance, prefixes that match everything.
const ADVERSARIAL_QUERIES: readonly [string, string][] = [
  ['10k-deep parentheses', `${'('.repeat(10_000)}a${')'.repeat(10_000)}`],
  ['nesting at the depth limit', `${'('.repeat(10)}semiconductor${')'.repeat(10)}`],
  ['many terms', Array.from({ length: 400 }, (_, i) => `w${i}`).join(' OR ')],
  ['terms at the limit', Array.from({ length: 40 }, (_, i) => `w${i}`).join(' OR ')],
  ['huge NEAR distance', 'huawei NEAR/100000000 vietnam'],
  ['one-letter prefixes (too broad)', 'a* NEAR/50 t*'],
  ['NEAR at the limit with the broadest prefixes', 'an* NEAR/50 th*'],
  ['chained NEAR of broad prefixes', 'st* NEAR/50 (of* NEAR/50 (th* NEAR/50 (an* NEAR/50 wi*)))'],
  ['NEAR chain without parentheses', 'an* NEAR/50 th* NEAR/50 st* NEAR/50 sa* NEAR/50 of*'],
  [
    '40 two-letter prefixes',
    Array.from(
      { length: 40 },
      (_, i) => `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}*`,
    ).join(' OR '),
  ],
  ['prefix star only', '*'],
  ['NOT of everything', 'NOT an* AND NOT th*'],
  ['deep NOT chain', `${'NOT '.repeat(300)}a`],
  ['unbalanced quotes and parens', '"a (b OR "c) NEAR/ )))('],
  ['phrase of prefixes', '"a* t* s* o*"'],
  ['field soup', 'title:(an* OR st*) summary:(th* NEAR/50 of*) source:ou* site:wi* category:an*'],
  ['control characters', 'a\u0000b\u0007 OR \u202e c'],
];

describe('adversarial ?q= queries', () => {
  it.each(ADVERSARIAL_QUERIES)('%s: refused (4xx) or answered within 3 s', async (_name, query) => {
    const started = performance.now();
    const response = await checkResponse({
      method: 'GET',
      path: '/feeds/all.json',
      rawQuery: `q=${encodeURIComponent(query)}`,
      headers: { host: 'wirefold.test' },
    });
    const ms = performance.now() - started;
    console.info(`?q= ${_name}: ${response.status} in ${ms.toFixed(0)} ms`);
    expect([200, 400, 414, 422]).toContain(response.status);
    expect(ms).toBeLessThan(3_000);
  });

  it('worst case of the accepted ones over a full scan: 2,000 articles of ~10 KB each, under 5 s per query', () => {
    const random = seededRandom(1);
    const words =
      'the of and to in said on with for that by statement analysts semiconductor huawei vietnam trade'.split(' ');
    const text = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(' ');
    const articles: Article[] = Array.from({ length: 2_000 }, (_, i) => ({
      articleId: `a${i}`,
      title: text(12),
      summaryHtml: `<p>${text(60)}</p>`,
      contentHtml: `<p>${text(1_500)}</p>`,
      publishedAt: '2026-11-24T00:00:00.000Z',
      firstSeenAt: '2026-11-24T00:00:00.000Z',
      authors: [],
      categories: [],
      sources: [{ feedId: 'f', feedTitle: 'F', entryKey: 'k', seenAt: '2026-11-24T00:00:00.000Z' }],
      topics: [],
    }));
    const timings: Record<string, number> = {};
    for (const [name, query] of ADVERSARIAL_QUERIES) {
      const compiled = compileQuery(query);
      if (!compiled.ok) continue;
      const started = performance.now();
      for (const article of articles) matchQuery(compiled.value, article);
      timings[name] = Math.round(performance.now() - started);
    }
    console.info(`?q= matcher over 2,000 × ~10 KB articles (ms): ${JSON.stringify(timings)}`);
    expect(Object.keys(timings).length).toBeGreaterThan(6);
    for (const [name, ms] of Object.entries(timings)) expect(ms, name).toBeLessThan(5_000);
  }, 60_000);
});
