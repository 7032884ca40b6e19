/**
 * The topic query language's syntax tree, its error type and its limits.
 * Every node keeps its source span so errors and explanations can point back at what the analyst wrote.
 */

/**
 * Where a text term looks. `any` is the default field: title and summary. `lead` is the title plus the opening
 * of the summary: stories put their subject first, while long summaries drift into asides, related links and
 * page chrome, so `lead:` is the cheap structural way to weigh what a story is about.
 */
export const TEXT_FIELDS = ['any', 'title', 'lead', 'summary', 'source', 'category'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** Fields whose values are compared as raw labels, not as words. */
export const META_FIELDS = ['site', 'lang'] as const;
export type MetaField = (typeof META_FIELDS)[number];
export type QueryField = TextField | MetaField;
/** Field names an analyst may write before a colon. */
export const FIELD_NAMES: readonly string[] = ['title', 'lead', 'summary', 'source', 'category', 'site', 'lang'];
/** How many summary words `lead:` covers after the title: about the first two sentences. */
export const LEAD_SUMMARY_WORDS = 50;

export interface SourceSpan {
  /** 0-based character offsets into the query text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/**
 * One searchable word of a term. `substring` words (Chinese, Thai, … scripts written without spaces) match as a
 * character run inside the text, because dictionary segmenters split names like 华为 differently in different
 * contexts; everything else matches whole words.
 */
export interface TermWord {
  readonly text: string;
  readonly substring: boolean;
}

export interface TermNode extends SourceSpan {
  readonly kind: 'term';
  readonly field: TextField;
  /** More than one word makes a phrase: consecutive words in one field segment. */
  readonly words: readonly TermWord[];
  /** `prefix*`: the last word matches any word that starts with it. */
  readonly prefix: boolean;
  /** Written with diacritics: match them exactly. Written without: match folded text (Viet Nam = Việt Nam). */
  readonly diacriticSensitive: boolean;
  /** As the analyst wrote it, for explanations. */
  readonly display: string;
  /** Identity for the per-article cache: equal keys find equal evidence (repeated definitions, shared terms). */
  readonly key: string;
  /** Each word's slot in the query vocabulary (query-vocabulary.ts; the prefix's for a trailing `*`), -1 for a
   * character run or when the vocabulary is full. */
  readonly slots: readonly number[];
}

export interface MetaNode extends SourceSpan {
  readonly kind: 'meta';
  readonly field: MetaField;
  /** Lower-cased label: a host suffix (`nikkei.com`) or a language tag prefix (`en`). */
  readonly value: string;
}

export interface AndNode extends SourceSpan {
  readonly kind: 'and';
  readonly children: readonly QueryNode[];
}

export interface OrNode extends SourceSpan {
  readonly kind: 'or';
  readonly children: readonly QueryNode[];
}

export interface NotNode extends SourceSpan {
  readonly kind: 'not';
  readonly child: QueryNode;
}

export interface NearNode extends SourceSpan {
  readonly kind: 'near';
  readonly left: QueryNode;
  readonly right: QueryNode;
  /** Most words allowed between the two sides (0 = adjacent). */
  readonly distance: number;
  /** ONEAR: the left side must come first. */
  readonly ordered: boolean;
}

export type QueryNode = TermNode | MetaNode | AndNode | OrNode | NotNode | NearNode;

export type QueryErrorKind =
  | 'empty'
  | 'unexpected-token'
  | 'unclosed-paren'
  | 'unclosed-quote'
  | 'missing-operand'
  | 'unknown-field'
  | 'unknown-name'
  | 'duplicate-name'
  | 'bad-term'
  | 'bad-near'
  | 'too-long'
  | 'too-deep'
  | 'too-many-terms';

export interface QueryError {
  readonly kind: QueryErrorKind;
  readonly message: string;
  /** 0-based character offset into the query text. */
  readonly position: number;
  /** 1-based line and column inside the query text (queries in YAML are often multi-line). */
  readonly line: number;
  readonly column: number;
  /** The offending query line and a caret under the position, ready to print. */
  readonly caret: string;
}

/** Guards against pathological queries: the same limits protect topics and the public ad-hoc `?q=` parameter. */
export interface QueryLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxTerms: number;
  readonly maxNearDistance: number;
}

export const topicQueryLimits: QueryLimits = { maxLength: 8000, maxDepth: 24, maxTerms: 400, maxNearDistance: 100 };
/** Anyone on the internet can send `?q=`, so it gets tighter limits than analyst-written topics. */
export const adhocQueryLimits: QueryLimits = { maxLength: 500, maxDepth: 10, maxTerms: 40, maxNearDistance: 50 };
/** `NEAR` without `/n`. */
export const DEFAULT_NEAR_DISTANCE = 10;

/** NEAR can only measure nodes with word positions: title/lead/summary terms and OR/NEAR groups of them. */
export function isPositional(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return node.field === 'any' || node.field === 'title' || node.field === 'lead' || node.field === 'summary';
    case 'or':
      return node.children.every(isPositional);
    case 'near':
      return true;
    default:
      return false;
  }
}

/** The source span covering a list of sibling nodes. */
export function spanOf(nodes: readonly QueryNode[]): { start: number; end: number } {
  return { start: nodes[0]!.start, end: nodes[nodes.length - 1]!.end };
}

/** The clauses directly under a node, left to right. */
export function childrenOf(node: QueryNode): readonly QueryNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children;
    case 'not':
      return [node.child];
    case 'near':
      return [node.left, node.right];
    default:
      return [];
  }
}
