import { createHash } from 'node:crypto';
import type { FeedState } from '../model.ts';
import { cadenceOf } from '../schedule/poll-slots.ts';

/**
 * Every key shape of the single table lives here, so an access pattern can be read off one file.
 * See DESIGN.md "DynamoDB: one table".
 */

/** Feeds are spread over a few due-index partitions so one hot partition never throttles the scheduler. */
export const DUE_SHARDS = 4;
export const DISABLED_SHARD = 'off';

export const feedStateKey = (feedId: string) => ({ pk: `FEED#${feedId}`, sk: 'STATE' }) as const;

export function dueShardOf(feedId: string): string {
  const firstByte = createHash('sha256').update(feedId).digest()[0] ?? 0;
  return String(firstByte % DUE_SHARDS);
}

/**
 * The due index (GSI gsi1, keys only). A feed on a cadence sits in its slot partition (`SLOT#<minutes>#<phase>`,
 * see lib/schedule/poll-slots.ts), a key that stays put from poll to poll; a feed with a one-off due time (never
 * polled, backing off, Retry-After) sits in a shard sorted by that time; disabled feeds move to their own partition,
 * stay listed, and are never due.
 */
export function dueIndexKey(
  state: Pick<FeedState, 'feedId' | 'nextFetchAt' | 'disabled' | 'pollEveryMinutes' | 'pollPhase'>,
) {
  const { feedId, nextFetchAt } = state;
  if (state.disabled === true) return { gsi1pk: `DUE#${DISABLED_SHARD}`, gsi1sk: `${nextFetchAt}#${feedId}` };
  const cadence = cadenceOf(state);
  if (cadence) return { gsi1pk: slotPartition(cadence.minutes, cadence.phase), gsi1sk: feedId };
  return { gsi1pk: `DUE#${dueShardOf(feedId)}`, gsi1sk: `${nextFetchAt}#${feedId}` };
}

export const slotPartition = (cadenceMinutes: number, phase: number) => `SLOT#${cadenceMinutes}#${phase}`;

export const oneOffDuePartitions = (): string[] => Array.from({ length: DUE_SHARDS }, (_, shard) => `DUE#${shard}`);

/** The scheduler's bookmark: the last 5-minute slot whose due feeds it enqueued. */
export const schedulerTickKey = { pk: 'SCHED', sk: 'TICK' } as const;

/**
 * An article, under an id derived from its link (lib/dedupe/article-id.ts). The same key also holds a redirect
 * `{ absorbedInto }` when the entry with that id folded into another article, or a tombstone when the article
 * itself was absorbed: the claim of a link or entry is the item under its own id.
 */
export const articleKey = (articleId: string) => ({ pk: `ART#${articleId}`, sk: 'A' }) as const;

/** Sort keys start with the publication time so a topic or a day reads newest-first in one Query. */
export const timelineSortKey = (publishedAt: string, articleId: string) => `${publishedAt}#${articleId}`;

export const topicEntryKey = (slug: string, publishedAt: string, articleId: string) =>
  ({ pk: `TOPIC#${slug}`, sk: timelineSortKey(publishedAt, articleId) }) as const;

export const topicPartition = (slug: string) => `TOPIC#${slug}`;

/** Day partitions use the UTC calendar day of publication. */
export const dayOf = (isoTime: string) => isoTime.slice(0, 10);
export const dayPartition = (day: string) => `DAY#${day}`;
export const dayEntryKey = (publishedAt: string, articleId: string) =>
  ({ pk: dayPartition(dayOf(publishedAt)), sk: timelineSortKey(publishedAt, articleId) }) as const;
