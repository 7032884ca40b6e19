import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTable } from '../../bench/stress/table-snapshot.ts';
import { defaultFetchOptions, fetchFeed } from '../../lib/fetch/fetch-feed.ts';
import type { FeedReport } from '../../lib/ingest/feed-report.ts';
import type { IngestDeps } from '../../lib/ingest.ts';
import type { Article, FeedSource } from '../../lib/model.ts';
import { runIngestRound } from '../../local/ingest-round.ts';
import { recordConnectionAttempts } from '../integration/fetch/connection-attempts.ts';
import { startDynalite } from '../support/dynalite.ts';
import { type HostileServer, startHostileServer } from '../support/hostile-server.ts';
import { loadTestTopics } from '../support/pipeline.ts';
import { HOSTILE_ROUTES } from './support/hostile-payloads.ts';

/**
 * Hostile feeds through the real ingest path, all in ONE batch with healthy control feeds: each must end as a typed
 * error in its report and its health line (or, for documents we read leniently, as harmless text), and the control
 * feeds must still be stored. No connection may ever leave 127.0.0.1.
 */
type Expectation = { readonly fails: string } | { readonly stored: (articles: Article[]) => void };
interface HostileCase {
  readonly name: string;
  readonly url: (origin: string) => string;
  readonly expect: Expectation;
}

const fails = (kind: string): Expectation => ({ fails: kind });
const at = (path: string) => (origin: string) => `${origin}${path}`;
const redirectTo = (target: string) => (origin: string) => `${origin}/go?to=${encodeURIComponent(target)}`;
const noControlChars = (text: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text);
const noLoneSurrogates = (text: string) =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

// Addresses in every notation an SSRF payload uses; each must be refused before a socket exists.
const FORBIDDEN_TARGETS: readonly [string, string][] = [
  ['metadata 169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
  ['metadata, decimal notation', 'http://2852039166/latest/meta-data/'],
  ['metadata, octal notation', 'http://0251.0376.0251.0376/'],
  ['metadata, hex notation', 'http://0xa9fea9fe/'],
  ['metadata IPv6 (AWS)', 'http://[fd00:ec2::254]/'],
  ['metadata IPv4-mapped IPv6', 'http://[::ffff:169.254.169.254]/'],
  ['metadata IPv4-mapped IPv6, hex', 'http://[::ffff:a9fe:a9fe]/'],
  ['metadata via NAT64', 'http://[64:ff9b::a9fe:a9fe]/'],
  ['Alibaba metadata 100.100.100.200', 'http://100.100.100.200/'],
  ['private 10/8', 'http://10.0.0.1/feed.xml'],
  ['private 10/8, short form', 'http://10.1/feed.xml'],
  ['private 192.168/16, decimal', 'http://3232235777/'],
  ['private 172.16/12', 'http://172.16.5.4/'],
  ['link-local 169.254/16', 'http://169.254.1.1/'],
  ['link-local IPv6 fe80::1', 'http://[fe80::1]/'],
  ['unique-local IPv6 fc00::/7', 'http://[fd12:3456::1]/'],
  ['loopback 127.0.0.2 (not allow-listed)', 'http://127.0.0.2/'],
  ['loopback IPv6 ::1', 'http://[::1]/'],
  ['loopback IPv4-mapped', 'http://[::ffff:127.0.0.2]/'],
  ['loopback octal 0177.0.0.2', 'http://0177.0.0.2/'],
  ['unspecified 0.0.0.0', 'http://0.0.0.0/'],
  ['unspecified IPv6 ::', 'http://[::]/'],
  ['6to4 of 10.0.0.1', 'http://[2002:a00:1::]/'],
];

const CASES: readonly HostileCase[] = [
  { name: 'XXE: external entity to file:///etc/passwd', url: at('/xxe-file'), expect: { stored: noEntityText } },
  { name: 'XXE: external entity to the metadata address', url: at('/xxe-http'), expect: { stored: noEntityText } },
  { name: 'XXE: parameter entity to a private host', url: at('/xxe-parameter'), expect: { stored: noEntityText } },
  { name: 'billion laughs (10 levels of 10)', url: at('/billion-laughs'), expect: { stored: noLaughs } },
  { name: '100k-deep element nesting', url: at('/deep-xml'), expect: { stored: () => undefined } },
  // 100k-deep markup inside one description is in store-limits.test.ts: it is over DynamoDB's item size.
  { name: '100k-deep JSON arrays', url: at('/deep-json'), expect: { stored: () => undefined } },
  { name: '2 GB body, no Content-Length', url: at('/huge'), expect: fails('too-large') },
  { name: '2 GB body, declared', url: at('/huge-declared'), expect: fails('too-large') },
  { name: 'gzip bomb', url: at('/bomb?enc=gzip'), expect: fails('too-large') },
  { name: 'brotli bomb', url: at('/bomb?enc=br'), expect: fails('too-large') },
  { name: 'deflate bomb', url: at('/bomb?enc=deflate'), expect: fails('too-large') },
  { name: 'corrupt gzip', url: at('/corrupt-gzip'), expect: fails('decode') },
  { name: 'slow-loris: one byte a second', url: at('/trickle'), expect: fails('timeout') },
  { name: 'headers then silence', url: at('/hang'), expect: fails('timeout') },
  { name: 'silence before headers', url: at('/hang-before-headers'), expect: fails('timeout') },
  { name: 'redirect loop', url: at('/loop-a'), expect: fails('redirect-loop') },
  { name: 'redirect chain of 7', url: at('/chain?n=7'), expect: fails('too-many-redirects') },
  { name: 'redirect to file:', url: at('/to-file'), expect: fails('invalid-url') },
  { name: 'invalid UTF-8 bytes', url: at('/invalid-utf8'), expect: { stored: wellFormedText } },
  {
    name: 'NUL and control characters (C0, ESC, U+FFFE, &#0;)',
    url: at('/control-chars'),
    expect: { stored: wellFormedText },
  },
  { name: 'XML document whose root is <script>', url: at('/root-script'), expect: fails('not-a-feed') },
  ...FORBIDDEN_TARGETS.flatMap(([label, target]): HostileCase[] => [
    { name: `feed URL → ${label}`, url: () => target, expect: fails('blocked-address') },
    { name: `redirect → ${label}`, url: redirectTo(target), expect: fails('blocked-address') },
  ]),
];

function noEntityText(articles: Article[]) {
  for (const a of articles) expect(JSON.stringify(a)).not.toMatch(/root:|meta-data|ami-id/);
}
function noLaughs(articles: Article[]) {
  for (const a of articles) expect(JSON.stringify(a).length).toBeLessThan(10_000);
}
function wellFormedText(articles: Article[]) {
  expect(articles.length).toBeGreaterThan(0);
  for (const a of articles) {
    for (const text of [a.title, a.summaryHtml ?? '', a.contentHtml ?? '']) {
      expect(noControlChars(text), `control character in ${JSON.stringify(text)}`).toBe(true);
      expect(noLoneSurrogates(text), `lone surrogate in ${JSON.stringify(text)}`).toBe(true);
    }
  }
}

const { matchers } = loadTestTopics('tests/fixtures/pipeline/topics.yaml');
const attempts = recordConnectionAttempts();
let server: HostileServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
const reports = new Map<string, FeedReport>();
let articles: Article[] = [];
const sourceOf = (name: string, url: string): FeedSource => ({
  feedId: `hostile-${name.replace(/\W+/g, '-')}`,
  url,
  title: name,
});

beforeAll(async () => {
  server = await startHostileServer({
    ...HOSTILE_ROUTES,
    '/go': (req, res) => {
      const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
      res.writeHead(302, { location: to }).end();
    },
  });
  dynalite = await startDynalite();
  const sources = [
    sourceOf('control sample', `${server.origin}/feed.xml`),
    sourceOf('control three', `${server.origin}/control.xml`),
    ...CASES.map((c) => sourceOf(c.name, c.url(server.origin))),
  ];
  const options = { ...defaultFetchOptions, timeoutMs: 4_000, maxBytes: 1024 * 1024, allowPrivateHosts: ['127.0.0.1'] };
  const deps: IngestDeps = {
    db: dynalite.db,
    fetch: (request) => fetchFeed(request, options),
    topics: matchers,
    now: () => new Date('2026-11-25T08:00:00Z'),
    articleRetentionDays: 30,
  };
  const round = await runIngestRound(sources, deps, { seed: true, concurrency: 12 });
  for (const report of round.reports) reports.set(report.feedId, report);
  articles = [...(await snapshotTable(dynalite.db)).articles.values()];
}, 60_000);

afterAll(async () => {
  attempts.stop();
  await server?.close();
  await dynalite?.close();
  const tried = CASES.map((c) => {
    const r = reports.get(sourceOf(c.name, '').feedId);
    return `${c.name.padEnd(52)} → ${r?.ok ? `stored (${r.newArticles} new)` : `${r?.error?.stage}:${r?.error?.kind}`}`;
  });
  console.info(`hostile feeds tried (${CASES.length}):\n  ${tried.join('\n  ')}`);
});

describe('hostile feeds in one batch with healthy ones', () => {
  it('the healthy feeds of the batch are stored in full', () => {
    const titles = articles.map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Control story alpha', 'Control story beta', 'Control story gamma']),
    );
    expect(titles).toContain('Vietnam and China sign a 5G pact');
  });

  it.each(CASES)('$name', async (hostile) => {
    const feedId = sourceOf(hostile.name, '').feedId;
    const report = reports.get(feedId);
    expect(report, 'every feed of the batch has a report').toBeDefined();
    expect(report!.durationMs).toBeLessThan(6_000);
    if ('fails' in hostile.expect) {
      expect(report!.ok, JSON.stringify(report)).toBe(false);
      expect(report!.error?.kind).toBe(hostile.expect.fails);
      const state = (await snapshotTable(dynalite.db)).feedStates.get(feedId);
      // The health line names stage and kind, e.g. `fetch:too-large`.
      const health = state?.lastError as { kind?: string } | undefined;
      expect(health?.kind, 'the failure is in the feed health').toBe(`${report!.error?.stage}:${hostile.expect.fails}`);
    } else {
      expect(report!.ok, JSON.stringify(report)).toBe(true);
      const mine = articles.filter((a) => a.sources.some((s) => s.feedId === feedId));
      hostile.expect.stored(mine);
    }
  });

  it('never tried to connect anywhere but 127.0.0.1 (the guard refuses before connecting)', () => {
    expect(attempts.addresses.length).toBeGreaterThan(0);
    expect([...new Set(attempts.addresses)]).toEqual(['127.0.0.1']);
  });
});

describe('DNS answers pointing at loopback, without an allow-list', () => {
  it.each([
    ['localhost', 'http://localhost:9/feed.xml'],
    ['localhost with a trailing dot', 'http://localhost.:9/feed.xml'],
  ])('%s → blocked-address, no connection attempt', async (_name, url) => {
    const before = attempts.addresses.length;
    const result = await fetchFeed({ url }, { ...defaultFetchOptions, timeoutMs: 1_500, allowPrivateHosts: [] });
    expect(!result.ok && result.error.kind).toBe('blocked-address');
    expect(attempts.addresses.slice(before)).toEqual([]);
  });
});
