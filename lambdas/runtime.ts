import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings, type Settings } from '../lib/config/settings.ts';
import type { FeedSource, TopicDefinition } from '../lib/model.ts';
import type { TopicMatcher } from '../lib/store/articles.ts';
import { compileTopicMatchers } from '../lib/topic-matchers.ts';

/** Everything a process needs from its environment and configuration, read once per cold start. */
export interface Runtime {
  readonly settings: Settings;
  readonly sources: readonly FeedSource[];
  readonly topics: readonly TopicDefinition[];
  readonly topicMatchers: readonly TopicMatcher[];
}

export interface CompiledConfig {
  readonly sources: readonly FeedSource[];
  readonly topics: readonly TopicDefinition[];
}

/** A configuration problem stops start-up (or synth) with every message at once; nothing is half-applied. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The name of the validated configuration that `cdk synth` writes into every Lambda bundle. */
export const COMPILED_CONFIG_FILE = 'config.json';

/** Compiles the topic queries once; a bad query names its topic. */
export function runtimeOf(settings: Settings, config: CompiledConfig, origin: string): Runtime {
  const matchers = compileTopicMatchers(config.topics);
  if (!matchers.ok) throw new ConfigurationError(matchers.error.map((problem) => `${origin}: ${problem}`).join('\n'));
  return { settings, sources: config.sources, topics: config.topics, topicMatchers: matchers.value };
}

export function loadSettingsOrThrow(env: Readonly<Record<string, string | undefined>>): Settings {
  const settings = loadSettings(env);
  if (!settings.ok) throw new ConfigurationError(`environment: ${settings.error.join('; ')}`);
  return settings.value;
}

/**
 * In Lambda: the feeds and topics were parsed and validated from OPML and YAML at synth, and ship as JSON beside
 * the handler, so no OPML or YAML parser is bundled (and none runs on a cold start).
 */
export function loadRuntime(env: Readonly<Record<string, string | undefined>>): Runtime {
  const settings = loadSettingsOrThrow(env);
  const path = join(settings.configDir, COMPILED_CONFIG_FILE);
  let config: CompiledConfig;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as CompiledConfig;
  } catch (error) {
    throw new ConfigurationError(`${path}: cannot read the compiled configuration (${(error as Error).message})`);
  }
  if (!Array.isArray(config.sources) || !Array.isArray(config.topics)) {
    throw new ConfigurationError(`${path}: expected { "sources": [...], "topics": [...] }`);
  }
  return runtimeOf(settings, config, path);
}
