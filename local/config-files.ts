import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, loadSettingsOrThrow, type Runtime, runtimeOf } from '../lambdas/runtime.ts';
import { formatConfigError, parseFeedsOpml, parseTopicsFile } from '../lib/config.ts';

/**
 * Reads `feeds.opml` and `topics.yaml` from a folder, as `npm start`, the demo and the tools do. Every problem of
 * both files is reported at once as `file:line: problem`; bad topic queries too.
 */
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
  const topics = parseTopicsFile(topicsFile.text, topicsFile.path);
  if (!sources.ok || !topics.ok) {
    const messages = [sources, topics].flatMap((result) => (result.ok ? [] : [formatConfigError(result.error)]));
    throw new ConfigurationError(messages.join('\n'));
  }
  const { settings: _unused, ...config } = runtimeOf(
    loadSettingsOrThrow({}),
    { sources: sources.value, topics: topics.value },
    topicsFile.path,
  );
  return config;
}

/** `npm start`: settings from the environment, configuration from the OPML and YAML files. */
export function loadLocalRuntime(env: Readonly<Record<string, string | undefined>>): Runtime {
  const settings = loadSettingsOrThrow(env);
  return { settings, ...loadConfigFiles(settings.configDir) };
}
