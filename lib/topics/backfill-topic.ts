import type { Article, TopicMembership } from '../model.ts';
import type { CompiledTopic } from './compile-topic.ts';
import { matchArticle } from './match-topic.ts';

export type MembershipChange =
  | { readonly kind: 'added'; readonly article: Article; readonly membership: TopicMembership }
  | { readonly kind: 'removed'; readonly article: Article }
  | { readonly kind: 'explanation-changed'; readonly article: Article; readonly membership: TopicMembership };

export interface BackfillPlan {
  readonly changes: readonly MembershipChange[];
  readonly unchanged: number;
  readonly matched: number;
}

/**
 * Re-matches stored articles against a new or edited topic and says what has to change in the store.
 * Pure: the caller applies the changes (topic entries written or deleted, article.topics updated).
 */
export function backfillTopic(topic: CompiledTopic, articles: readonly Article[]): BackfillPlan {
  const slug = topic.definition.slug;
  const changes: MembershipChange[] = [];
  let unchanged = 0;
  let matched = 0;
  for (const article of articles) {
    const before = article.topics.find((membership) => membership.slug === slug);
    const after = matchArticle(topic, article);
    if (after) matched++;
    if (after && !before) changes.push({ kind: 'added', article, membership: after });
    else if (!after && before) changes.push({ kind: 'removed', article });
    else if (after && before && JSON.stringify(after.why) !== JSON.stringify(before.why)) {
      changes.push({ kind: 'explanation-changed', article, membership: after });
    } else unchanged++;
  }
  return { changes, unchanged, matched };
}

/** The article as it should be stored after the change: its topics list with this topic's membership updated. */
export function withMembership(article: Article, slug: string, membership: TopicMembership | undefined): Article {
  const others = article.topics.filter((existing) => existing.slug !== slug);
  const topics = membership ? [...others, membership] : others;
  return { ...article, topics: topics.sort((a, b) => a.slug.localeCompare(b.slug)) };
}
