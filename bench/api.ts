/**
 * `npm run bench:api`: the API under load, against a plain node:http server returning the same bytes in the same run.
 * A child process holds dynalite (seeded with a 200-item topic), our local server (lambdas/api.ts behind
 * local/server.ts, response cache as in Lambda) and the baseline; this process drives autocannon, so load generation
 * never shares an event loop with the servers. Also: the api bundle's size and import time vs an empty handler.
 * Prints JSON. Targets (issue 7): 200s >= 0.5x baseline, 304s >= 0.8x, bundle <= 400 KB minified.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTERNAL_MODULES } from '../infra/bundle-settings.ts';
import { bundle, importMs } from './lambda-bundle.ts';

const FORMATS = ['rss', 'atom', 'json'] as const;
const FEED_PATH = (format: string) => `/topics/china-sea-tech.${format}?limit=200`;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const CONNECTIONS = 50;
const STORIES = 250;

interface Urls {
  ours: string;
  baseline: string;
}

/** Child role: store + servers, then wait for the parent to finish. */
async function serveChild(): Promise<void> {
  const { startServer } = await import('../local/server.ts');
  const { serveDepsFor } = await import('../lambdas/serve-deps.ts');
  const { createResponseCache } = await import('../lib/serve/response-cache.ts');
  const { startDynalite } = await import('../tests/support/dynalite.ts');
  const seed = await import('../tests/fixtures/render/seed-store.ts');
  const store = await startDynalite('wirefold-bench');
  await seed.seedStore(store.db, STORIES, seed.keywordMatchers());
  const deps = {
    ...serveDepsFor({ db: store.db, topics: seed.FIXTURE_TOPICS, feeds: seed.FIXTURE_FEEDS }),
    now: () => new Date(seed.FIXTURE_NOW),
    cache: createResponseCache({ ttlMs: 15_000 }),
  };
  const ours = await startServer({ host: '127.0.0.1', port: 0, deps });
  // The baseline: the same response bytes (status line, headers and body, as our server sent them) from memory,
  // with the simplest possible 304 check. The ratio then measures exactly our routing, lookup and header work.
  const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const headersOf = (response: Response) =>
    Object.fromEntries([...response.headers].filter(([name]) => !HOP_HEADERS.has(name)));
  const responses = new Map<
    string,
    { headers: Record<string, string>; notModified: Record<string, string>; body: Buffer; etag: string }
  >();
  for (const format of FORMATS) {
    // autocannon sends no Accept-Encoding, so the identity variant is what both servers must return.
    const identity = { 'accept-encoding': 'identity' };
    const response = await fetch(`${ours.url}${FEED_PATH(format)}`, { headers: identity });
    const body = Buffer.from(await response.arrayBuffer());
    const etag = response.headers.get('etag') ?? '';
    const notModified = await fetch(`${ours.url}${FEED_PATH(format)}`, {
      headers: { ...identity, 'if-none-match': etag },
    });
    if (notModified.status !== 304) throw new Error(`expected 304 for ${format}, got ${notModified.status}`);
    responses.set(FEED_PATH(format), { headers: headersOf(response), notModified: headersOf(notModified), body, etag });
  }
  const baseline = createServer((request, response) => {
    const hit = responses.get(request.url ?? '');
    if (!hit) return void response.writeHead(404).end();
    if (request.headers['if-none-match'] === hit.etag) return void response.writeHead(304, hit.notModified).end();
    response.writeHead(200, hit.headers).end(hit.body);
  });
  await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const urls: Urls = { ours: ours.url, baseline: `http://127.0.0.1:${(baseline.address() as AddressInfo).port}` };
  process.send?.({ urls, sizes: Object.fromEntries([...responses].map(([p, r]) => [p, r.body.length])) });
  process.on('message', async () => {
    await ours.close();
    baseline.close();
    await store.close();
    process.exit(0);
  });
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

const ROUNDS = 2;
type Load = Awaited<ReturnType<typeof load>>;

/** Mean throughput, median p50 and worst p99 over the rounds of one case. */
function combine(loads: readonly Load[]): Load {
  const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  return {
    reqPerS: mean(loads.map((l) => l.reqPerS)),
    p50Ms: [...loads.map((l) => l.p50Ms)].sort((a, b) => a - b)[Math.floor(loads.length / 2)]!,
    p99Ms: Math.max(...loads.map((l) => l.p99Ms)),
    statuses: [...new Set(loads.map((l) => l.statuses))].join('/'),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

async function load(url: string, headers: Record<string, string>) {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S / ROUNDS, headers });
  const statuses = Object.keys(result.statusCodeStats).join('/');
  return {
    reqPerS: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

async function measureHttp() {
  const child = fork(new URL(import.meta.url).pathname, ['--serve-child'], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const { urls, sizes } = await new Promise<{ urls: Urls; sizes: Record<string, number> }>((resolve) =>
    child.once('message', resolve as never),
  );
  const rows = [];
  for (const format of FORMATS) {
    const feed = FEED_PATH(format);
    const etag =
      (await fetch(`${urls.ours}${feed}`, { headers: { 'accept-encoding': 'identity' } })).headers.get('etag') ?? '';
    for (const path304 of [false, true]) {
      const headers: Record<string, string> = path304 ? { 'if-none-match': etag } : {};
      // Interleaved rounds, so a burst of load from elsewhere on the machine hits both sides alike.
      const runs: { baseline: Load[]; ours: Load[] } = { baseline: [], ours: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.baseline.push(await load(`${urls.baseline}${feed}`, headers));
        runs.ours.push(await load(`${urls.ours}${feed}`, headers));
      }
      const [baseline, ours] = [combine(runs.baseline), combine(runs.ours)];
      rows.push({
        case: `${format} ${path304 ? '304' : '200'}`,
        bodyBytes: sizes[feed],
        ours,
        baseline,
        ratio: Number((ours.reqPerS / baseline.reqPerS).toFixed(2)),
        target: path304 ? 0.8 : 0.5,
      });
    }
  }
  child.send('stop');
  return rows;
}

async function measureBundle() {
  // As deployed (infra/bundle-settings.ts), and with nothing external for comparison, beside an empty handler.
  const dir = path.join(process.cwd(), '.bench-out', 'api');
  mkdirSync(dir, { recursive: true });
  const emptyEntry = path.join(dir, 'empty-entry.mjs');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
  const deployed = await bundle('api', 'lambdas/api.ts');
  const everything = await bundle('api-all-bundled', 'lambdas/api.ts', []);
  const empty = await bundle('api-empty', emptyEntry, []);
  const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
  const result = {
    apiBundleKb: kb(deployed.bytes),
    apiBundleGzipKb: kb(gzipSync(readFileSync(deployed.file)).length),
    external: EXTERNAL_MODULES,
    apiBundleNothingExternalKb: kb(everything.bytes),
    targetKb: 400,
    importMs: importMs(deployed.file),
    emptyHandlerImportMs: importMs(empty.file),
  };
  rmSync(dir, { recursive: true, force: true });
  return { ...result, importRatioVsEmpty: Number((result.importMs / result.emptyHandlerImportMs).toFixed(1)) };
}

async function main() {
  if (process.argv.includes('--serve-child')) return serveChild();
  const startedMs = Date.now();
  const bundle = await measureBundle();
  const http = await measureHttp();
  const machine = { node: process.version, cpus: os.cpus().length, platform: `${os.platform()}-${os.arch()}` };
  const summary = {
    bench: 'api',
    command: 'npm run bench:api',
    machine,
    connections: CONNECTIONS,
    durationPerCaseS: DURATION_S,
    http,
    bundle,
    targetsMet: {
      status200: http.filter((r) => r.target === 0.5).every((r) => r.ratio >= 0.5),
      status304: http.filter((r) => r.target === 0.8).every((r) => r.ratio >= 0.8),
      bundle: bundle.apiBundleKb <= 400,
    },
    totalS: Math.round((Date.now() - startedMs) / 1000),
  };
  console.log(JSON.stringify(summary, null, 2));
}

await main();
