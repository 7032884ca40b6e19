import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Article } from '../../lib/model.ts';
import type { Db } from '../../lib/store/db.ts';

/** Every item of the table, grouped by what it is (the pk prefix), for invariant checks and clean-run comparisons. */
export interface TableSnapshot {
  readonly articles: Map<string, Article & { version?: number }>;
  /**
   * Ids that name another article (`absorbedInto`): an article absorbed by the near-duplicate settle step, or an
   * entry's own id claimed for the article it folded into.
   */
  readonly tombstones: Map<string, string>;
  /** `TOPIC#slug` → sort keys. */
  readonly topicEntries: Map<string, Set<string>>;
  /** `DAY#yyyy-mm-dd` → sort keys. */
  readonly dayEntries: Map<string, Set<string>>;
  /** `SIM#band#bits` → the article each near-duplicate register names. */
  readonly nearDupBands: Map<string, Set<string>>;
  readonly feedStates: Map<string, Record<string, unknown>>;
  /** Timeline entries of absorbed articles, turned into markers no read shows. */
  absorbedEntries: number;
  readonly other: number;
  readonly items: number;
}

export async function snapshotTable(db: Db, maxItems = 2_000_000): Promise<TableSnapshot> {
  const snapshot: TableSnapshot = {
    articles: new Map(),
    tombstones: new Map(),
    topicEntries: new Map(),
    dayEntries: new Map(),
    nearDupBands: new Map(),
    feedStates: new Map(),
    absorbedEntries: 0,
    other: 0,
    items: 0,
  };
  let other = 0;
  let items = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }),
    );
    for (const item of page.Items ?? []) {
      items++;
      const pk = String(item.pk);
      const sk = String(item.sk);
      if (pk.startsWith('ART#') && typeof item.absorbedInto === 'string') {
        snapshot.tombstones.set(pk.slice(4), item.absorbedInto);
      } else if (pk.startsWith('ART#')) snapshot.articles.set(pk.slice(4), item as unknown as Article);
      else if (/^(TOPIC|DAY)#/.test(pk) && item.article === undefined) snapshot.absorbedEntries++;
      else if (pk.startsWith('TOPIC#')) addTo(snapshot.topicEntries, pk, sk);
      else if (pk.startsWith('DAY#')) addTo(snapshot.dayEntries, pk, sk);
      else if (pk.startsWith('FEED#')) snapshot.feedStates.set(pk.slice(5), item);
      else if (pk.startsWith('SIM#')) addTo(snapshot.nearDupBands, pk, String(item.articleId));
      else other++;
    }
    startKey = page.LastEvaluatedKey;
    if (items > maxItems) throw new Error(`table has more than ${maxItems} items`);
  } while (startKey);
  return { ...snapshot, other, items };
}

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/**
 * A comparable form of the table's content: the article set (ids, sources by feed and entry, topics), the redirects and tombstones,
 * and the timeline keys. Times of the run (seenAt, firstSeenAt) and optimistic-lock versions are left out, since a
 * crashed-then-rerun ingest legitimately differs in those only.
 */
export function comparableContent(snapshot: TableSnapshot, options: { orderIndependent?: boolean } = {}) {
  // Which outlet came first decides an article's headline and link: when feeds are processed in another order
  // (a message redelivered later), those legitimately differ; everything else must not.
  const primary = (a: Article) => (options.orderIndependent ? {} : { url: a.url, title: a.title });
  const articles = [...snapshot.articles.values()]
    .map((a) => ({
      id: a.articleId,
      ...primary(a),
      publishedAt: a.publishedAt,
      sources: a.sources.map((s) => `${s.feedId}|${s.entryKey}|${s.url ?? ''}`).sort(),
      topics: a.topics.map((t) => `${t.slug}:${t.why.join(';')}`).sort(),
    }))
    .sort((x, y) => x.id.localeCompare(y.id));
  const sets = (map: Map<string, Set<string>>) =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
  return {
    articles,
    tombstones: Object.fromEntries([...snapshot.tombstones].sort(([a], [b]) => a.localeCompare(b))),
    topicEntries: sets(snapshot.topicEntries),
    dayEntries: sets(snapshot.dayEntries),
    // Title bands index the first outlet's headline: order-dependent like the headline itself.
    nearDupBands: sets(
      new Map([...snapshot.nearDupBands].filter(([key]) => !(options.orderIndependent && key.startsWith('SIM#t#')))),
    ),
    other: snapshot.other,
  };
}
