/** A problem in a configuration file, located so the message can say file:line. */
export interface ConfigProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface ConfigError {
  readonly kind: 'invalid-config';
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
}

/** One line per problem, `file:line:column: message`, the shape editors and CI logs link. */
export function formatConfigError(error: ConfigError): string {
  return error.problems
    .map((p) => `${error.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}: ${p.message}`)
    .join('\n');
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
