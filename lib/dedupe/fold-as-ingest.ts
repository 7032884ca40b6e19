import { decideFold, type FoldDecision, type FoldOptions, type FoldWhy } from './decide-fold.ts';
import { type DedupeItem, type PreparedItem, prepareItem } from './dedupe-item.ts';
import { sharedLookupKeys } from './near-dup-keys.ts';

/** How ingest would bring the arriving item face to face with the stored one, if at all. */
export interface CandidateLookup {
  /**
   * `own-article`: same canonical URL, so the same article id; `band-keys`: a probe of the arriving item hits a key
   * the stored one wrote (`sharedKeys`, as `band#bits`).
   */
  readonly via: 'own-article' | 'band-keys' | 'none';
  readonly sharedKeys: readonly string[];
}

const NOT_FOUND = 'but no probe of the arriving item hits a key the stored one wrote, so ingest never compares them';

export interface IngestFoldDecision extends FoldDecision {
  readonly why: FoldWhy & { readonly candidate: CandidateLookup };
}

/**
 * What ingest does with a stored item and an arriving one: it only compares them when the arriving item's lookup
 * finds the stored one (same article id, or a probe hitting a key the stored one wrote), and then folds when
 * `decideFold` says so. The CLI calls this, so `dedupe pairs` answers exactly what storing `a` then `b` does.
 */
export function foldAsIngest(
  stored: DedupeItem | PreparedItem,
  arriving: DedupeItem | PreparedItem,
  options: FoldOptions = {},
): IngestFoldDecision {
  const storedItem = 'titleWords' in stored ? stored : prepareItem(stored);
  const arrivingItem = 'titleWords' in arriving ? arriving : prepareItem(arriving);
  const decision = decideFold(storedItem, arrivingItem, options);
  const sharedKeys = sharedLookupKeys(storedItem, arrivingItem);
  const candidate: CandidateLookup = decision.why.signals.canonicalUrlsEqual
    ? { via: 'own-article', sharedKeys }
    : { via: sharedKeys.length > 0 ? 'band-keys' : 'none', sharedKeys };
  if (!decision.duplicate || candidate.via !== 'none') return { ...decision, why: { ...decision.why, candidate } };
  return {
    duplicate: false,
    why: {
      ...decision.why,
      rule: 'not-a-candidate',
      explanation: `${decision.why.explanation}; ${NOT_FOUND}`,
      candidate,
    },
  };
}
