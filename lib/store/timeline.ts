import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../model.ts';
import type { TopicMatcher } from './articles.ts';
import { expiryOf } from './articles.ts';
import { isConditionFailure } from './condition-failure.ts';
import type { Db } from './db.ts';
import { dayEntryKey, topicEntryKey } from './keys.ts';
import { timelineCardOf } from './timeline-card.ts';

/**
 * Writes the denormalized copies of an article that make every feed a Query: one entry per topic it belongs to, or
 * its day-stream entry when it belongs to none (each a slim card, see timeline-card.ts), keyed by (publishedAt,
 * articleId), so a fold or an edit refreshes them.
 * Each copy carries the article version it was made from and a put never replaces a newer copy: when two
 * ingests fold into one article concurrently, the slower one cannot overwrite the fuller copy with its stale one.
 */
export async function writeTimelineEntries(
  db: Db,
  article: Article,
  version: number,
  topics: readonly TopicMatcher[],
  articleRetentionDays: number,
): Promise<void> {
  const retentionBySlug = new Map(topics.map((t) => [t.slug, t.retentionDays]));
  const card = timelineCardOf(article);
  // The day stream holds only articles in no configured topic: the whole stream is the merge of the day and topic
  // timelines (day-stream.ts), so an article in a topic costs no extra copy.
  const inSomeTopic = article.topics.some((membership) => retentionBySlug.has(membership.slug));
  const writes = [
    ...(inSomeTopic
      ? []
      : [
          {
            ...dayEntryKey(article.publishedAt, article.articleId),
            article: card,
            expiresAt: expiryOf(article, articleRetentionDays),
          },
        ]),
    ...article.topics.flatMap((membership) => {
      const retentionDays = retentionBySlug.get(membership.slug);
      if (retentionDays === undefined) return []; // topic no longer configured
      return [
        {
          ...topicEntryKey(membership.slug, article.publishedAt, article.articleId),
          article: card,
          why: membership.why.slice(0, 8),
          expiresAt: expiryOf(article, retentionDays),
        },
      ];
    }),
  ];
  for (const item of writes) {
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...item, version },
          ConditionExpression: 'attribute_not_exists(pk) OR version <= :v',
          ExpressionAttributeValues: { ':v': version },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
