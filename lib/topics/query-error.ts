import type { QueryError, QueryErrorKind } from './query-ast.ts';

/** Builds a QueryError with line/column and a caret line pointing at `position` inside `query`. */
export function queryError(kind: QueryErrorKind, message: string, query: string, position: number): QueryError {
  const clamped = Math.max(0, Math.min(position, query.length));
  // lastIndexOf clamps a negative start to 0, which would find a newline at 0 that lies after the position.
  const lineStart = clamped === 0 ? 0 : query.lastIndexOf('\n', clamped - 1) + 1;
  const nextBreak = query.indexOf('\n', clamped);
  const lineEnd = nextBreak === -1 ? query.length : nextBreak;
  const line = countNewlines(query, lineStart) + 1;
  const column = clamped - lineStart + 1;
  // Very long lines are cut around the caret so the message stays readable in a terminal.
  const windowStart = Math.max(lineStart, clamped - 60);
  const windowEnd = Math.min(lineEnd, clamped + 60);
  const shown = query.slice(windowStart, windowEnd).replace(/\t/g, ' ');
  const caret = `${shown}\n${' '.repeat(clamped - windowStart)}^`;
  return { kind, message, position: clamped, line, column, caret };
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** One printable block: `line 2, column 7: message` followed by the caret line. */
export function formatQueryError(error: QueryError): string {
  return `line ${error.line}, column ${error.column}: ${error.message}\n${error.caret}`;
}
