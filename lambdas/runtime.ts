import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfigError, loadSettings, parseFeedsOpml, parseTopicsYaml, type Settings } from '../lib/config.ts';
import type { FeedSource, TopicDefinition } from '../lib/model.ts';
import type { TopicMatcher } from '../lib/store/articles.ts';
import { compileTopicMatchers } from '../lib/topic-matchers.ts';

/** Everything a process needs from its environment and config files, read once per cold start. */
export interface Runtime {
  readonly settings: Settings;
  readonly sources: readonly FeedSource[];
  readonly topics: readonly TopicDefinition[];
  readonly topicMatchers: readonly TopicMatcher[];
}

/** A configuration problem stops start-up (or synth) with every message at once; nothing is half-applied. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function loadConfigFiles(configDir: string): Pick<Runtime, 'sources' | 'topics' | 'topicMatchers'> {
  const read = (name: string) => {
    const path = join(configDir, name);
    try {
      return { path, text: readFileSync(path, 'utf8') };
    } catch (error) {
      throw new ConfigurationError(`${path}: cannot read (${(error as Error).message})`);
    }
  };
  const feedsFile = read('feeds.opml');
  const topicsFile = read('topics.yaml');
  const sources = parseFeedsOpml(feedsFile.text, feedsFile.path);
  const topics = parseTopicsYaml(topicsFile.text, topicsFile.path);
  const messages = [
    ...(sources.ok ? [] : [formatConfigError(sources.error)]),
    ...(topics.ok ? [] : [formatConfigError(topics.error)]),
  ];
  if (!sources.ok || !topics.ok) throw new ConfigurationError(messages.join('\n'));
  const matchers = compileTopicMatchers(topics.value);
  if (!matchers.ok) {
    throw new ConfigurationError(matchers.error.map((problem) => `${topicsFile.path}: ${problem}`).join('\n'));
  }
  return { sources: sources.value, topics: topics.value, topicMatchers: matchers.value };
}

export function loadRuntime(env: Readonly<Record<string, string | undefined>>): Runtime {
  const settings = loadSettings(env);
  if (!settings.ok) throw new ConfigurationError(`environment: ${settings.error.join('; ')}`);
  return { settings: settings.value, ...loadConfigFiles(settings.value.configDir) };
}
