/** The few fields that show whether two entries are the same story. */
export interface GuidEvidence {
  readonly guid?: string;
  readonly url?: string;
  readonly title?: string;
}

/**
 * GUIDs that do not identify a story in this document: one guid shared by entries with different links or titles
 * (CMS templates that print the site URL or a constant into <guid>), or a guid that is just the feed's own home
 * page while the entry links elsewhere. Entries with such a guid must fall back to link/title identity, or every
 * new story would be folded into the first one ever seen.
 */
export function untrustedGuidsOf(entries: readonly GuidEvidence[], feedLink?: string): Set<string> {
  const firstSeen = new Map<string, GuidEvidence>();
  const untrusted = new Set<string>();
  const home = feedLink?.trim();
  for (const entry of entries) {
    const guid = entry.guid?.trim();
    if (!guid) continue;
    if (home && guid === home && entry.url && entry.url !== home) untrusted.add(guid);
    const earlier = firstSeen.get(guid);
    if (!earlier) firstSeen.set(guid, entry);
    else if (earlier.url !== entry.url || earlier.title !== entry.title) untrusted.add(guid);
  }
  return untrusted;
}
