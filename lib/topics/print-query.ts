import { assertNever } from '../result.ts';
import type { QueryNode } from './query-ast.ts';

/**
 * The parsed tree as a compact S-expression, e.g. `(OR china (AND title:"south china sea" (NOT drone*)))`.
 * Shows the analyst how the precedence rules grouped their query (`topic check --tree`) and pins it in tests.
 */
export function printQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'term': {
      const field = node.field === 'any' ? '' : `${node.field}:`;
      const words = node.words.map((word) => word.text).join(' ');
      const body = node.words.length > 1 ? `"${words}"` : words;
      return `${field}${body}${node.prefix ? '*' : ''}`;
    }
    case 'meta':
      return `${node.field}:${node.value}`;
    case 'and':
    case 'or':
      return `(${node.kind.toUpperCase()} ${node.children.map(printQuery).join(' ')})`;
    case 'not':
      return `(NOT ${printQuery(node.child)})`;
    case 'near':
      return `(${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance} ${printQuery(node.left)} ${printQuery(node.right)})`;
    default:
      return assertNever(node, 'query node');
  }
}
