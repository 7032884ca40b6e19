import { shortHash } from '../dedupe/entry-key.ts';
import type { NormalizedEntry } from '../model.ts';

/**
 * A short hash of an entry's identity and visible text. The feed state keeps a bounded list of them, so an
 * unchanged entry costs no article read on the next poll, while an edited headline hashes differently and is
 * processed again (and updates its article).
 */
export function entryVersionOf(entry: NormalizedEntry): string {
  return shortHash([entry.entryKey, entry.title, entry.url ?? '', entry.summaryHtml ?? ''].join('\u0000')).slice(0, 12);
}

/** How many entry versions a feed state remembers: enough for a busy feed's whole document, bounded in size. */
export const RECENT_ENTRY_LIMIT = 600;

export function rememberVersions(current: readonly string[], previous: readonly string[]): string[] {
  return [...new Set([...current, ...previous])].slice(0, RECENT_ENTRY_LIMIT);
}
