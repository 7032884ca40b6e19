import { type DedupeItem, type PreparedItem, prepareItem } from './dedupe-item.ts';
import { type FoldSignals, foldSignalsOf } from './fold-signals.ts';
import { defaultFoldThresholds, type FoldThresholds } from './fold-thresholds.ts';

/** The rule that decided. Fold rules first, then the rules that keep two items apart. */
export type FoldRule =
  | 'same-canonical-url'
  | 'same-article-link'
  | 'shared-lede'
  | 'same-title-no-summary'
  | 'too-far-apart'
  | 'summaries-differ'
  | 'titles-differ'
  | 'title-alone-not-enough'
  | 'guarded'
  /** The decision would fold, but ingest never compares the two: they share no near-duplicate lookup key. */
  | 'not-a-candidate';

/** Why two items that look alike are kept apart even though their text overlaps. */
export type FoldGuard = 'live-page' | 'roundup-or-newsletter' | 'numbers-differ' | 'template-title';

export interface FoldWhy {
  readonly rule: FoldRule;
  /** A sentence for humans: the CLI, the topic feed's "why" and the logs show it. */
  readonly explanation: string;
  /** Guards that blocked a fold (empty when none applied or when link identity overrode them). */
  readonly guards: readonly FoldGuard[];
  readonly signals: FoldSignals;
  readonly thresholds: FoldThresholds;
}

export interface FoldDecision {
  readonly duplicate: boolean;
  readonly why: FoldWhy;
}

export interface FoldOptions {
  readonly thresholds?: Partial<FoldThresholds>;
}

/**
 * Is `arriving` the same article as `stored`? The one decision used by ingest (lib/store/articles.ts) and by
 * `npm run dedupe -- pairs`. Symmetric in its two items; precision first: when in doubt, keep two articles.
 */
export function decideFold(
  stored: DedupeItem | PreparedItem,
  arriving: DedupeItem | PreparedItem,
  options: FoldOptions = {},
): FoldDecision {
  const thresholds = { ...defaultFoldThresholds, ...options.thresholds };
  const signals = foldSignalsOf(asPrepared(stored), asPrepared(arriving));
  const decide = (duplicate: boolean, rule: FoldRule, explanation: string, guards: FoldGuard[] = []) => ({
    duplicate,
    why: { rule, explanation, guards, signals, thresholds },
  });

  // Link identity first: an outlet never gives two stories one URL or one article number.
  if (signals.canonicalUrlsEqual) return decide(true, 'same-canonical-url', 'both links are the same page');
  if (signals.sameArticleLink)
    return decide(true, 'same-article-link', `links show one article: ${signals.sameArticleLink}`);

  const hours = signals.hoursApart;
  if (hours !== undefined && hours > thresholds.maxHoursApart) {
    return decide(false, 'too-far-apart', `published ${Math.round(hours)} h apart (> ${thresholds.maxHoursApart} h)`);
  }
  const guards = guardsOf(signals, thresholds);
  if (guards.length > 0) return decide(false, 'guarded', `kept apart: ${guards.join(', ')}`, guards);

  if (signals.summaryOverlap !== undefined) {
    if (signals.summaryOverlap < thresholds.minSummaryOverlap) {
      return decide(false, 'summaries-differ', `summaries share ${pct(signals.summaryOverlap)} of their wording`);
    }
    if (signals.titleContainment < thresholds.minTitleContainment) {
      return decide(false, 'titles-differ', `shared summary but headlines share ${pct(signals.titleContainment)}`);
    }
    return decide(
      true,
      'shared-lede',
      `summaries share ${pct(signals.summaryOverlap)} of their wording, headlines ${pct(signals.titleContainment)}`,
    );
  }
  const titleWords = Math.min(asPrepared(stored).titleContent.size, asPrepared(arriving).titleContent.size);
  const sameTitle = signals.titlesEqual || signals.titleDiff.typoOnly;
  if (
    sameTitle &&
    titleWords >= thresholds.minTitleWordsAlone &&
    (hours === undefined || hours <= thresholds.maxHoursTitleAlone)
  ) {
    return decide(
      true,
      'same-title-no-summary',
      'same specific headline, a summary is missing, published close together',
    );
  }
  return decide(
    false,
    'title-alone-not-enough',
    'a summary is missing and the headline alone does not vouch for identity',
  );
}

function guardsOf(signals: FoldSignals, thresholds: FoldThresholds): FoldGuard[] {
  const guards: FoldGuard[] = [];
  if (signals.genres.includes('live')) guards.push('live-page');
  if (signals.genres.includes('roundup')) guards.push('roundup-or-newsletter');
  if (signals.titleDiff.numberChanged) {
    const quickUpdate = signals.hoursApart !== undefined && signals.hoursApart <= thresholds.maxHoursNumberUpdate;
    // An updated toll keeps the headline and changes only the number; a rewritten headline with a new number
    // needs the summary to be the same text to count as the same article.
    const onlyNumbersChanged = [...signals.titleDiff.onlyStored, ...signals.titleDiff.onlyArriving].every((w) =>
      /\d/.test(w),
    );
    const sameText =
      (signals.summaryOverlap ?? 0) >=
      (onlyNumbersChanged ? thresholds.minSummaryOverlap : thresholds.minSummaryOverlapNumberUpdate);
    if (!(quickUpdate && sameText)) guards.push('numbers-differ');
  } else if (signals.titleDiff.slotSwap) {
    guards.push('template-title');
  }
  return guards;
}

function asPrepared(item: DedupeItem | PreparedItem): PreparedItem {
  return 'titleWords' in item ? item : prepareItem(item);
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
