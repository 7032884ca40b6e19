import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatConfigError, parseFeedsOpml, parseTopicsFile } from '../lib/config.ts';
import type { FeedSource, TopicDefinition } from '../lib/model.ts';

export interface AggregatorConfig {
  readonly feeds: readonly FeedSource[];
  readonly topics: readonly TopicDefinition[];
}

/**
 * Reads and validates the feeds and topics files at synth time with the same parsers the Lambdas use, so a typo
 * in topics.yaml fails `cdk synth` with `file:line: problem` instead of failing every ingest run after deploy.
 */
export function loadAggregatorConfig(feedsFile: string, topicsFile: string): AggregatorConfig {
  const feeds = parseFeedsOpml(readConfigFile(feedsFile), displayName(feedsFile));
  const topics = parseTopicsFile(readConfigFile(topicsFile), displayName(topicsFile));
  const problems = [feeds, topics].flatMap((result) => (result.ok ? [] : [formatConfigError(result.error)]));
  if (!feeds.ok || !topics.ok) {
    throw new Error(`FeedAggregator: invalid configuration, nothing synthesized:\n${problems.join('\n')}`);
  }
  if (feeds.value.length === 0) throw new Error(`FeedAggregator: ${feedsFile} lists no feeds`);
  return { feeds: feeds.value, topics: topics.value };
}

/** The bundle's `config.json`: stable key order and no whitespace, so the same config gives the same asset hash. */
export function compiledConfigJson(config: AggregatorConfig): string {
  return `${JSON.stringify({ sources: config.feeds, topics: config.topics })}\n`;
}

function readConfigFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`FeedAggregator: cannot read config file ${file}: ${(error as Error).message}`);
  }
}

/** Relative to the working directory when inside it: the form editors and CI logs turn into links. */
function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Writes the validated config as JSON under `<projectRoot>/cdk.out/wirefold-config/` (a git-ignored build directory),
 * named by its content hash, and returns the path relative to the project root. Bundling copies it from
 * `<inputDir>/<that path>`: a path that depends only on the content keeps the bundling options — and so the asset
 * hashes — identical from one synth to the next, wherever the cloud assembly goes.
 */
export function writeCompiledConfig(config: AggregatorConfig, projectRoot: string): string {
  const json = compiledConfigJson(config);
  const relative = path.join(
    'cdk.out',
    'wirefold-config',
    `${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`,
  );
  const file = path.join(projectRoot, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  // Write-then-rename: a parallel synth copying the same file never sees it half written.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, json);
  renameSync(partial, file);
  return relative;
}
