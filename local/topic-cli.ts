/**
 * `npm run topic -- <command>`: the analyst's bench for topics.
 *   check                                   validate config/topics.yaml (every error at once, with file lines)
 *   match <slug> --items FILE.jsonl         one JSON line per item: {"id","matched","why"}  (--explain: clause tree)
 *   test <slug> --labels FILE.jsonl         precision/recall/F1 (all, unambiguous, per bucket) + every FP and FN
 *   backfill <slug> --days N                re-match stored articles of the last N days (--dry-run, --aws)
 * Common options: --config FILE (default $CONFIG_DIR/topics.yaml), --query "…" (try a query without editing the file).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatConfigError, loadSettings, parseTopicsYaml } from '../lib/config.ts';
import type { TopicDefinition } from '../lib/model.ts';
import { listRecentArticles } from '../lib/store/day-stream.ts';
import { createDb, type Db } from '../lib/store/db.ts';
import { writeTimelineEntries } from '../lib/store/timeline.ts';
import { backfillTopic, withMembership } from '../lib/topics/backfill-topic.ts';
import { type CompiledTopic, compileTopic } from '../lib/topics/compile-topic.ts';
import { renderExplanation } from '../lib/topics/explain-match.ts';
import { itemToArticle, type LabeledItem, type TopicItem } from '../lib/topics/item-to-article.ts';
import { locateQueriesInYaml } from '../lib/topics/locate-query.ts';
import { explainArticle, matchArticle } from '../lib/topics/match-topic.ts';
import { printQuery } from '../lib/topics/print-query.ts';
import { formatQueryError } from '../lib/topics/query-error.ts';
import { type Scores, scoreLabels } from '../lib/topics/score-labels.ts';
import { validateTopics } from '../lib/topics/validate-topics.ts';
import { startEmbeddedDb } from './embedded-db.ts';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    query: { type: 'string' },
    items: { type: 'string' },
    labels: { type: 'string' },
    days: { type: 'string' },
    explain: { type: 'boolean', default: false },
    tree: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
  },
});
const [command, slug] = positionals;
// `topic test … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const settings = loadSettings(process.env);
if (!settings.ok) fail(settings.error.join('\n'));
const configFile = options.config ?? path.join(settings.value.configDir, 'topics.yaml');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function loadDefinitions(): TopicDefinition[] {
  const text = readFileSync(configFile, 'utf8');
  const parsed = parseTopicsYaml(text, configFile);
  if (!parsed.ok) fail(formatConfigError(parsed.error));
  return parsed.value;
}

/** The named topic from the file, with its query replaced by --query when given. */
function loadTopic(): CompiledTopic {
  if (!slug) fail(`usage: topic ${command} <slug> …`);
  const definition = loadDefinitions().find((topic) => topic.slug === slug);
  if (!definition) fail(`no topic "${slug}" in ${configFile}`);
  const compiled = compileTopic(options.query ? { ...definition, query: options.query } : definition);
  if (!compiled.ok) fail(`topic "${slug}": ${formatQueryError(compiled.error)}`);
  return compiled.value;
}

function readJsonl<T>(file: string | undefined, flag: string): T[] {
  if (!file) fail(`${command} needs --${flag} FILE.jsonl`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        return fail(`${file}:${index + 1}: not a JSON object`);
      }
    });
}

function check(): void {
  const text = readFileSync(configFile, 'utf8');
  const parsed = parseTopicsYaml(text, configFile);
  if (!parsed.ok) fail(formatConfigError(parsed.error));
  const problems = validateTopics(parsed.value, locateQueriesInYaml(text));
  for (const problem of problems) {
    console.error(`${configFile}:${problem.line}:${problem.column}: topic "${problem.slug}": ${problem.message}`);
    if (problem.caret) console.error(problem.caret.replace(/^/gm, '    '));
  }
  if (problems.length > 0) process.exit(1);
  for (const topic of parsed.value) {
    console.log(`ok  ${topic.slug}  (${topic.title})`);
    const compiled = compileTopic(topic);
    if (options.tree && compiled.ok) console.log(`    ${printQuery(compiled.value.query.root)}`);
  }
}

function match(): void {
  const topic = loadTopic();
  for (const item of readJsonl<TopicItem>(options.items, 'items')) {
    const article = itemToArticle(item);
    const membership = matchArticle(topic, article);
    console.log(JSON.stringify({ id: item.id, matched: membership !== undefined, why: membership?.why ?? [] }));
    if (options.explain) console.error(renderExplanation(explainArticle(topic.query, article)).join('\n'));
  }
}

function formatScores(name: string, scores: Scores): string {
  const { precision: p, recall: r, f1, tp, fp, fn, tn, n } = scores;
  return `${name.padEnd(22)} n=${String(n).padStart(4)}  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  tp/fp/fn/tn ${tp}/${fp}/${fn}/${tn}`;
}

function test(): void {
  const topic = loadTopic();
  const report = scoreLabels(topic, readJsonl<LabeledItem>(options.labels, 'labels'));
  if (options.json) {
    const { falsePositives, falseNegatives, ...scores } = report;
    const ids = (items: typeof falsePositives) => items.map(({ item }) => item.id);
    console.log(
      JSON.stringify({ ...scores, falsePositives: ids(falsePositives), falseNegatives: ids(falseNegatives) }),
    );
    return;
  }
  console.log(formatScores('all', report.all));
  console.log(formatScores('unambiguous', report.unambiguous));
  for (const [bucket, scores] of Object.entries(report.byBucket)) console.log(formatScores(`  ${bucket}`, scores));
  for (const [heading, items] of [
    ['FALSE POSITIVES (matched, labeled 0)', report.falsePositives],
    ['FALSE NEGATIVES (missed, labeled 1)', report.falseNegatives],
  ] as const) {
    console.log(`\n${heading}: ${items.length}`);
    for (const { item, article, why } of items) {
      console.log(`\n- ${item.id}${item.ambiguous ? ' [ambiguous]' : ''} ${item.title}`);
      if (item.reason) console.log(`  label: ${item.reason}`);
      for (const line of why) console.log(`  why: ${line}`);
      if (options.explain) console.log(renderExplanation(explainArticle(topic.query, article), '    ').join('\n'));
    }
  }
}

async function backfill(): Promise<void> {
  const topic = loadTopic();
  const days = Number(options.days ?? '7');
  // The stored articles are the day stream plus every configured topic's timeline (see lib/store/day-stream.ts).
  const topicSlugs = loadDefinitions().map((definition) => definition.slug);
  if (!Number.isInteger(days) || days < 1 || days > 366) fail('--days must be a whole number from 1 to 366');
  const { tableName, articleRetentionDays } = settings.ok ? settings.value : fail('bad settings');
  // --aws: the deployed table with the usual AWS credential chain; otherwise the local dynalite under .data/.
  const embedded = options.aws
    ? undefined
    : await startEmbeddedDb({ dataDir: process.env.DATA_DIR ?? '.data/dynalite', tableName });
  const db: Db = embedded?.db ?? createDb(tableName);
  try {
    let cursor: string | undefined;
    const totals = { scanned: 0, added: 0, removed: 0, explanationChanged: 0 };
    const matcher = {
      slug: topic.definition.slug,
      retentionDays: topic.definition.retentionDays,
      match: () => undefined,
    };
    do {
      const page = await listRecentArticles(db, { limit: 200, days, topicSlugs, ...(cursor ? { cursor } : {}) });
      if (!page.ok) fail(page.error.message);
      const plan = backfillTopic(topic, page.value.entries);
      totals.scanned += page.value.entries.length;
      for (const change of plan.changes) {
        if (change.kind === 'added') totals.added++;
        else if (change.kind === 'removed') totals.removed++;
        else totals.explanationChanged++;
        console.log(JSON.stringify({ change: change.kind, id: change.article.articleId, title: change.article.title }));
        if (options['dry-run'] || change.kind !== 'added') continue; // removals/rewrites need store calls (see docs)
        const updated = withMembership(change.article, topic.definition.slug, change.membership);
        // Version 0: the day stream does not hand out stored versions, and 0 only creates missing copies, so a
        // backfill can never overwrite a fresher copy written by a concurrent ingest.
        await writeTimelineEntries(db, updated, 0, [matcher], articleRetentionDays);
      }
      cursor = page.value.nextCursor;
    } while (cursor);
    console.log(JSON.stringify({ slug: topic.definition.slug, days, dryRun: options['dry-run'], ...totals }));
  } finally {
    await embedded?.close();
  }
}

switch (command) {
  case 'check':
    check();
    break;
  case 'match':
    match();
    break;
  case 'test':
    test();
    break;
  case 'backfill':
    await backfill();
    break;
  default:
    fail('usage: npm run topic -- check | match <slug> --items F | test <slug> --labels F | backfill <slug> --days N');
}
