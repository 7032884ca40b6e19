import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { LocateQuery } from './validate-topics.ts';

/**
 * Finds where each topic's `query:` text starts in a topics YAML file, so query errors (which know their line
 * and column inside the query) can be reported as file lines. Block scalars (`query: |`) start on the next line.
 */
export function locateQueriesInYaml(text: string): LocateQuery {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const starts = new Map<string, { line: number; column: number }>();
  if (isSeq(doc.contents)) {
    for (const node of doc.contents.items) {
      if (!isMap(node)) continue;
      const slug = node.get('slug');
      const query = node.get('query', true);
      if (typeof slug !== 'string' || !isScalar(query) || !query.range) continue;
      const offset = query.range[0];
      const position = lineCounter.linePos(offset);
      if (query.type === 'BLOCK_LITERAL' || query.type === 'BLOCK_FOLDED') {
        const nextLine = text.slice(text.indexOf('\n', offset) + 1);
        const indent = /^[ \t]*/.exec(nextLine)?.[0].length ?? 0;
        starts.set(slug, { line: position.line + 1, column: indent + 1 });
      } else {
        const quoted = query.type === 'QUOTE_DOUBLE' || query.type === 'QUOTE_SINGLE';
        starts.set(slug, { line: position.line, column: position.col + (quoted ? 1 : 0) });
      }
    }
  }
  return (slug) => starts.get(slug);
}
