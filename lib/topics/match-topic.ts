import type { Article, TopicMembership } from '../model.ts';
import type { CompiledQuery, CompiledTopic } from './compile-topic.ts';
import { evaluateQuery, queryHolds } from './evaluate-query.ts';
import { type ExplainNode, explainQuery, whyLines } from './explain-match.ts';
import { isPrepared, prepareArticle } from './prepare-article.ts';
import { prefilterPasses } from './query-prefilter.ts';

/** `prefilter: false` runs the full matcher on every article: for tests that prove the prefilter changes nothing. */
export interface MatchOptions {
  readonly prefilter?: boolean;
}

export interface QueryMatch {
  readonly why: readonly string[];
}

/** A query made only of NOT clauses matches by absence; say so instead of returning an empty explanation. */
const MATCHED_BY_ABSENCE = ['no excluded clause occurs'];

/** The article's membership in the topic with the reasons, or undefined when it does not belong. */
export function matchArticle(
  topic: CompiledTopic,
  article: Article,
  options: MatchOptions = {},
): TopicMembership | undefined {
  if (!languageAllowed(topic.languages, article.language)) return undefined;
  const match = matchQuery(topic.query, article, options);
  return match && { slug: topic.definition.slug, why: match.why };
}

export function matchQuery(query: CompiledQuery, article: Article, options: MatchOptions = {}): QueryMatch | undefined {
  // Most articles match no topic; the prefilter rules most of those out before the word index is even built.
  // Once another topic has built the index, the matcher's own lookups rule a topic out faster than the prefilter.
  const screen = options.prefilter !== false && !isPrepared(article);
  if (screen && !prefilterPasses(query.prefilter, article)) return undefined;
  const prepared = prepareArticle(article);
  if (!queryHolds(query.root, prepared)) return undefined;
  const evidence = evaluateQuery(query.root, prepared);
  if (evidence === null) return undefined;
  const why = whyLines(evidence);
  return { why: why.length > 0 ? why : MATCHED_BY_ABSENCE };
}

/** Every clause of the query, held or not, with evidence: for `topic match/test` and analysts. */
export function explainArticle(query: CompiledQuery, article: Article): ExplainNode {
  return explainQuery(query.root, prepareArticle(article), query.text);
}

/** Articles without a declared language pass: most feeds never declare one, and the query still has to match. */
function languageAllowed(allowed: readonly string[] | undefined, language: string | undefined): boolean {
  if (!allowed || allowed.length === 0 || !language) return true;
  const tag = language.toLowerCase();
  return allowed.some((wanted) => tag === wanted || tag.startsWith(`${wanted}-`));
}
