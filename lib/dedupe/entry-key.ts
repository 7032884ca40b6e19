import { createHash } from 'node:crypto';

/** What identifies an entry within one feed, in order of trust. */
export interface EntryIdentityFields {
  readonly guid?: string;
  readonly url?: string;
  readonly title?: string;
  readonly publishedAt?: string;
}

/**
 * Identity of an entry within its feed: the guid when the feed gives one, else the link, else title + date.
 * The key is hashed so that hostile 10 KB guids never become 10 KB DynamoDB keys; the prefix keeps the rule
 * that produced it visible when debugging.
 */
export function entryKeyOf(entry: EntryIdentityFields): string {
  const guid = entry.guid?.trim();
  if (guid) return `g:${shortHash(guid)}`;
  const url = entry.url?.trim();
  if (url) return `l:${shortHash(url)}`;
  const title = (entry.title ?? '').trim().toLowerCase();
  return `t:${shortHash(`${title}\u0000${entry.publishedAt ?? ''}`)}`;
}

export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
