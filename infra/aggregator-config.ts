import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatConfigError, parseFeedsOpml, parseTopicsYaml } from '../lib/config.ts';
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
  const topics = parseTopicsYaml(readConfigFile(topicsFile), displayName(topicsFile));
  const problems = [feeds, topics].flatMap((result) => (result.ok ? [] : [formatConfigError(result.error)]));
  if (!feeds.ok || !topics.ok) {
    throw new Error(`FeedAggregator: invalid configuration, nothing synthesized:\n${problems.join('\n')}`);
  }
  if (feeds.value.length === 0) throw new Error(`FeedAggregator: ${feedsFile} lists no feeds`);
  return { feeds: feeds.value, topics: topics.value };
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
