import type { TopicDefinition } from '../model.ts';
import { err, type Result } from '../result.ts';
import { locateQueriesInYaml } from '../topics/locate-query.ts';
import { validateTopics } from '../topics/validate-topics.ts';
import type { ConfigError } from './config-error.ts';
import { parseTopicsYaml } from './topics-yaml.ts';

/**
 * The whole check of a topics file, shared by start-up, `cdk synth` and `topic check`: the YAML and its fields,
 * then every query compiled, each problem placed at its line and column in the file.
 */
export function parseTopicsFile(text: string, fileName: string): Result<TopicDefinition[], ConfigError> {
  const parsed = parseTopicsYaml(text, fileName);
  if (!parsed.ok) return parsed;
  const problems = validateTopics(parsed.value, locateQueriesInYaml(text));
  if (problems.length === 0) return parsed;
  return err({
    kind: 'invalid-config',
    file: fileName,
    problems: problems.map((p) => ({ line: p.line, column: p.column, message: `topic "${p.slug}": ${p.message}` })),
  });
}
