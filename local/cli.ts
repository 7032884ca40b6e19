import { ConfigurationError } from '../lambdas/runtime.ts';
import type { FeedState } from '../lib/model.ts';
import { loadLocalRuntime } from './config-files.ts';
import { runDemo } from './demo/run-demo.ts';
import type { RoundSummary } from './ingest-round.ts';
import { runLocal } from './run-local.ts';

const HOST = '127.0.0.1';
const port = Number(process.env.PORT ?? 8787);

function printUrls(apiUrl: string, slugs: readonly string[]) {
  console.log(`wirefold is serving on ${apiUrl}/`);
  console.log(`  topics:   ${apiUrl}/topics   (OPML: ${apiUrl}/topics.opml)`);
  for (const slug of slugs) console.log(`  feed:     ${apiUrl}/topics/${slug}.atom  (.rss, .json)`);
  console.log(`  sources:  ${apiUrl}/sources`);
}

function describeRound(summary: RoundSummary, round: number): string {
  return (
    `ingest round ${round}: ${summary.fetched} fetched, ${summary.notModified} unchanged, ` +
    `${summary.failed} failed, ${summary.newArticles} new articles, ${summary.foldedArticles} folded duplicates`
  );
}

/**
 * Every feed's last attempt failed at the network level: most likely this machine is offline. Read from the stored
 * health, so a restart inside the back-off window (nothing due yet) still explains the empty feeds.
 */
function looksOffline(health: readonly FeedState[]): boolean {
  const networkKinds = new Set(['fetch:network', 'fetch:timeout']);
  return health.length > 0 && health.every((s) => s.lastError && networkKinds.has(s.lastError.kind));
}

async function start() {
  const runtime = loadLocalRuntime({ CONFIG_DIR: 'config', ...process.env });
  const handle = await runLocal(runtime, {
    host: HOST,
    port,
    dataDir: process.env.DATA_DIR ?? '.data/dynalite',
    roundEveryMs: Number(process.env.INGEST_EVERY_S ?? 60) * 1000,
    onRound: (summary, round, health) => {
      console.log(describeRound(summary, round));
      for (const r of summary.reports.filter((report) => !report.ok && report.error)) {
        console.log(`  ${r.feedId}: ${r.error?.stage} ${r.error?.kind}: ${r.error?.message}`);
      }
      if (round === 1 && looksOffline(health)) {
        console.log(
          'No feed could be reached: this machine seems to be offline. Try `npm run demo` for the bundled offline demo.',
        );
      }
    },
  });
  printUrls(
    handle.apiUrl,
    runtime.topics.map((t) => t.slug),
  );
  process.once('SIGINT', () => void handle.close().then(() => process.exit(0)));
}

async function demo() {
  const handle = await runDemo({ port });
  console.log(describeRound(handle.firstRound, 1));
  printUrls(handle.apiUrl, ['china-sea-tech']);
  console.log(`demo feeds are served from ${handle.feedServerUrl}/ (bundled, no network needed); Ctrl-C stops.`);
  process.once('SIGINT', () => void handle.close().then(() => process.exit(0)));
}

const command = process.argv[2] ?? 'start';
const run = command === 'demo' ? demo : command === 'start' ? start : undefined;
if (!run) {
  console.error(`usage: tsx local/cli.ts start|demo (got "${command}")`);
  process.exit(2);
}
run().catch((error: unknown) => {
  if (error instanceof ConfigurationError) {
    console.error(`wirefold cannot start: configuration problem\n${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
