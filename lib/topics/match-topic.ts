import type { Article, TopicMembership } from '../model.ts';
import type { CompiledQuery, CompiledTopic } from './compile-topic.ts';
import { evaluateQuery } from './evaluate-query.ts';
import { type ExplainNode, explainQuery, whyLines } from './explain-match.ts';
import { prepareArticle } from './prepare-article.ts';

export interface QueryMatch {
  readonly why: readonly string[];
}

/** A query made only of NOT clauses matches by absence; say so instead of returning an empty explanation. */
const MATCHED_BY_ABSENCE = ['no excluded clause occurs'];

/** The article's membership in the topic with the reasons, or undefined when it does not belong. */
export function matchArticle(topic: CompiledTopic, article: Article): TopicMembership | undefined {
  if (!languageAllowed(topic.languages, article.language)) return undefined;
  const match = matchQuery(topic.query, article);
  return match && { slug: topic.definition.slug, why: match.why };
}

export function matchQuery(query: CompiledQuery, article: Article): QueryMatch | undefined {
  // The article's index is built once and shared by every topic; most articles match none, and the compiled
  // closures say so without collecting evidence. Only a match is evaluated again, for its explanation.
  const prepared = prepareArticle(article);
  if (!query.holds(prepared)) return undefined;
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
