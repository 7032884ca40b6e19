import type { DedupeItem } from '../../../lib/dedupe/dedupe-item.ts';
import { entryKeyOf } from '../../../lib/dedupe/entry-key.ts';
import type { ItemPair } from '../../../lib/dedupe/pair-file.ts';
import type { NormalizedEntry } from '../../../lib/model.ts';
import { storeEntry } from '../../../lib/store/articles.ts';
import type { Db } from '../../../lib/store/db.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A pair item as the normalizer would hand it to the store (summary as HTML, the item's own date). */
function entryOf(item: DedupeItem): NormalizedEntry {
  return {
    entryKey: entryKeyOf({ url: item.url, title: item.title, publishedAt: item.publishedAt }),
    ...(item.url ? { url: item.url } : {}),
    title: item.title,
    ...(item.summary ? { summaryHtml: escapeHtml(item.summary) } : {}),
    publishedAt: item.publishedAt ?? '2024-01-01T00:00:00.000Z',
    authors: [],
    categories: [],
  };
}

/** Stores `a` then `b` of a pair through the real article path; true when they end up as one article. */
export async function storePair(db: Db, pair: ItemPair): Promise<boolean> {
  const store = (item: DedupeItem, side: string) =>
    storeEntry(db, {
      source: { feedId: `${pair.pairId}-${side}`, url: item.feedUrl ?? `https://feeds.example/${side}`, title: side },
      entry: entryOf(item),
      now: '2024-06-01T00:00:00.000Z',
      topics: [],
      articleRetentionDays: 30,
    });
  const first = await store(pair.stored, 'a');
  const second = await store(pair.arriving, 'b');
  return first.articleId === second.articleId;
}
