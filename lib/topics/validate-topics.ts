import type { TopicDefinition } from '../model.ts';
import { compileTopic } from './compile-topic.ts';

/** Where a topic's query starts in its file, so a query error can be reported as a file line. */
export type LocateQuery = (slug: string) => { line: number; column: number } | undefined;

export interface TopicProblem {
  readonly slug: string;
  readonly message: string;
  /** Line/column in the file when `locate` knows where the query starts, else inside the query text. */
  readonly line: number;
  readonly column: number;
  /** The offending query line with a caret under the problem. */
  readonly caret?: string;
}

/**
 * Compiles every topic's query and returns ALL problems at once (plus duplicate slugs and bad language tags),
 * so an analyst fixes the whole file in one pass. An empty array means every topic compiles.
 */
export function validateTopics(definitions: readonly TopicDefinition[], locate?: LocateQuery): TopicProblem[] {
  const problems: TopicProblem[] = [];
  const seen = new Set<string>();
  for (const definition of definitions) {
    const start = locate?.(definition.slug);
    const at = (line: number, column: number) =>
      start
        ? // Block scalars strip one common indentation from every line, so one column offset fits all lines.
          { line: start.line + line - 1, column: start.column + column - 1 }
        : { line, column };
    if (seen.has(definition.slug)) {
      problems.push({ slug: definition.slug, message: 'slug is defined more than once', ...at(1, 1) });
    }
    seen.add(definition.slug);
    for (const language of definition.languages ?? []) {
      if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(language)) {
        problems.push({
          slug: definition.slug,
          message: `languages: "${language}" is not a language tag`,
          ...at(1, 1),
        });
      }
    }
    const compiled = compileTopic(definition);
    if (!compiled.ok) {
      const { message, line, column, caret } = compiled.error;
      problems.push({ slug: definition.slug, message, caret, ...at(line, column) });
    }
  }
  return problems;
}
