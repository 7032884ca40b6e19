import { createHash } from 'node:crypto';
import { canonicalizeUrl } from './canonical-url.ts';

/** What an article id is derived from: the link when there is one, else the entry's identity in its feed. */
export interface ArticleIdInput {
  readonly url?: string;
  readonly feedId: string;
  readonly entryKey: string;
}

/**
 * The article id: a short stable hash of the canonical URL, so the same link reached through two feeds (or with
 * different tracking parameters) lands on the same article without any read. Items without a link can only be
 * identified within their own feed. 16 base64url characters = 96 bits: collisions are out of reach for any
 * realistic archive, and the id stays short enough for tag: URIs and sort keys.
 */
export function articleIdOf(input: ArticleIdInput): string {
  const url = input.url?.trim();
  const basis = url ? `u:${canonicalizeUrl(url)}` : `e:${input.feedId}\u0000${input.entryKey}`;
  return createHash('sha256').update(basis).digest('base64url').slice(0, 16);
}
