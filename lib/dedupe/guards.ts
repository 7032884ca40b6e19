import type { PreparedItem } from './dedupe-item.ts';

/**
 * Kinds of item whose text overlaps other items by design and says nothing about identity: a live page covers a
 * whole event, a roundup or newsletter covers many stories, a recurring series reuses its headline every issue.
 * Such items fold only on link identity.
 */
export type ItemGenre = 'live' | 'roundup';

/** A live page announces itself at the start or end of its headline ("Live:", "– live"), or names the format. */
const LIVE_TITLE =
  /^(watch )?live( now| updates?| blog)?\s*[:|–—-]|[:|–—-]\s*live( updates?| blog)?\s*$|\blive:|\blive (updates|blog|coverage)\b|\bliveblog\b|\bas it happened\b|\bminute[- ]by[- ]minute\b/i;
const LIVE_PATH = /\/(live|live-news|live-blog|live-updates|liveblog)(\/|-|$)/i;
const ROUNDUP_TITLE = new RegExp(
  [
    '^the morning after\\b',
    '\\blatest:',
    '^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|daily|weekend|your [a-z]+) briefing\\b',
    '\\bbriefing:?$',
    '^five things\\b',
    "^what[’']?s news\\b",
    '\\bround-?up\\b',
    '\\bnewsletter\\b',
    '\\bweek in review\\b',
    '\\bthings to know\\b',
    '\\bkey events\\b',
    '\\bmarket talk\\b',
    '\\bthe weekender\\b',
    '\\bdigest\\b',
  ].join('|'),
  'i',
);

export function genreOf(prepared: PreparedItem): ItemGenre | undefined {
  const title = prepared.item.title;
  if (LIVE_TITLE.test(title) || LIVE_PATH.test(pathOf(prepared.canonicalUrl))) return 'live';
  if (ROUNDUP_TITLE.test(title)) return 'roundup';
  return undefined;
}

function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
