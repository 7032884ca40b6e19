import { shortHash } from '../dedupe/entry-key.ts';
import type { NormalizedEntry } from '../model.ts';

/**
 * A short hash of an entry's identity and visible text. The feed state keeps a bounded list of them, so an
 * unchanged entry costs no article read on the next poll, while an edited headline hashes differently and is
 * processed again (and updates its article). 6 base64url characters (36 bits) tell a feed's few dozen entries
 * apart with a collision chance near one in a hundred million, at 7 bytes each in the feed-state item (a collision
 * would only skip re-reading an edited entry once).
 */
export function entryVersionOf(entry: NormalizedEntry): string {
  return shortHash([entry.entryKey, entry.title, entry.url ?? '', entry.summaryHtml ?? ''].join('\u0000')).slice(0, 6);
}

/** Hard cap on remembered versions, for feeds that list hundreds of entries. */
export const RECENT_ENTRY_LIMIT = 600;
/** Entries that left the document are remembered a while longer, in case a feed flaps them in and out. */
const MIN_REMEMBERED = 40;
const EXTRA_REMEMBERED = 10;

/**
 * The versions to remember: every entry of the current document first (so none is processed again next time),
 * then a few previous ones. The feed-state item is rewritten on every poll; keeping it
 * under 1 KB for a typical feed halves the write units of each poll.
 */
export function rememberVersions(current: readonly string[], previous: readonly string[]): string[] {
  // Ingest reads at most 500 entries a run, so the cap never cuts into the current document.
  const keep = Math.min(RECENT_ENTRY_LIMIT, Math.max(current.length + EXTRA_REMEMBERED, MIN_REMEMBERED));
  return [...new Set([...current, ...previous])].slice(0, keep);
}
