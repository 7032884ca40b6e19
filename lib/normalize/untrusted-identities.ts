/** The few fields that show whether two entries are the same story. */
export interface IdentityEvidence {
  readonly guid?: string;
  readonly url?: string;
  readonly title?: string;
}

export interface UntrustedIdentities {
  /** GUIDs that do not identify one story in this document. */
  readonly guids: ReadonlySet<string>;
  /** Links shared by different stories that have no trustworthy guid (a section page, the home page). */
  readonly links: ReadonlySet<string>;
}

/**
 * Finds identities a feed reuses for different stories: one guid on entries with different links or titles (CMS
 * templates that print the site URL or a constant into <guid>), a guid that is just the feed's home page while
 * the entry links elsewhere, and — for entries left without a trusted guid — one link on entries with different
 * titles. Such entries fall back to the next identity (link, then title + date); otherwise every new story would
 * fold into the first one ever seen.
 */
export function untrustedIdentitiesOf(entries: readonly IdentityEvidence[], feedLink?: string): UntrustedIdentities {
  const guids = reusedValues(
    entries,
    (entry) => entry.guid?.trim(),
    (a, b) => a.url !== b.url || a.title !== b.title,
  );
  const home = feedLink?.trim();
  for (const entry of entries) {
    const guid = entry.guid?.trim();
    if (guid && home && guid === home && entry.url && entry.url !== home) guids.add(guid);
  }
  const withoutTrustedGuid = entries.filter((entry) => !entry.guid?.trim() || guids.has(entry.guid.trim()));
  const links = reusedValues(
    withoutTrustedGuid,
    (entry) => entry.url,
    (a, b) => a.title !== b.title,
  );
  return { guids, links };
}

function reusedValues(
  entries: readonly IdentityEvidence[],
  identityOf: (entry: IdentityEvidence) => string | undefined,
  differ: (a: IdentityEvidence, b: IdentityEvidence) => boolean,
): Set<string> {
  const firstSeen = new Map<string, IdentityEvidence>();
  const reused = new Set<string>();
  for (const entry of entries) {
    const value = identityOf(entry);
    if (!value) continue;
    const earlier = firstSeen.get(value);
    if (!earlier) firstSeen.set(value, entry);
    else if (differ(earlier, entry)) reused.add(value);
  }
  return reused;
}
