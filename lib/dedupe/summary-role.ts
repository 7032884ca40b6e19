import type { PreparedItem } from './dedupe-item.ts';
import { contentWordsOf, plainTextOf } from './text.ts';

/**
 * Summaries that say nothing about which article an item is, so they can neither confirm nor refute identity.
 * Treated like a missing summary: the headline decides, under the stricter title-alone rule. Measured on the
 * development pairs (docs/dedupe.md): wire carriers put a photo caption in the summary, some feeds repeat the
 * headline, and aggregators write a one-line quip instead of the lede.
 *
 * - `photo-caption`: ends with a photo credit in parentheses — `(Jenny Evans/Getty Images)`, `(Kyodo News via AP)`,
 *   `(Shutterstock)`;
 * - `headline-repeat`: the summary is the item's own headline again;
 * - `unrelated-blurb`: a short line (≤ MAX_BLURB_WORDS) sharing no content word with its own headline and naming
 *   nothing (no capitalized word after the first) — a quip, not a lede. A standfirst that shares no headline word
 *   still names a person, place or company ("Satellite images show Ream facility…") and is compared as text.
 */
export type SummaryRole = 'photo-caption' | 'headline-repeat' | 'unrelated-blurb';

export const MAX_BLURB_WORDS = 12;

/** A closing parenthetical credit: a photographer/agency pair, "via AGENCY", or a stock or photo agency name. */
const PHOTO_CREDIT =
  /\(([^()]{0,80}\/[^()]{0,80}|[^()]{0,80}\bvia [^()]{1,60}|[^()]{0,60}\b(getty images|shutterstock|ap photo|photo|istock)[^()]{0,40})\)\s*\.?\s*$/i;

export function uninformativeSummaryOf(prepared: PreparedItem): SummaryRole | undefined {
  const words = prepared.summaryWords;
  if (words.length === 0) return undefined;
  if (PHOTO_CREDIT.test(plainTextOf(prepared.item.summary).trim())) return 'photo-caption';
  if (words.join(' ') === prepared.titleKey) return 'headline-repeat';
  if (words.length <= MAX_BLURB_WORDS && prepared.titleContent.size > 0) {
    const sharesHeadlineWord = contentWordsOf(words).some((word) => prepared.titleContent.has(word));
    if (!(sharesHeadlineWord || namesSomething(plainTextOf(prepared.item.summary)))) return 'unrelated-blurb';
  }
  return undefined;
}

/** A capitalized word after the first one (not "I"): a name, so the line says what it is about. */
function namesSomething(text: string): boolean {
  return text
    .trim()
    .split(/\s+/)
    .slice(1)
    .some((token) => /^[\p{P}]*\p{Lu}/u.test(token) && !/^I([’']|$)/.test(token));
}
