/**
 * The thresholds in force, in one object: ingest and the CLI both take the defaults from here, and every `why`
 * repeats them so an audit shows what a fold was measured against.
 *
 * Chosen on the development pairs (../shared/dedupe, see docs/dedupe.md), preferring the most conservative value
 * within a plateau of equal scores: precision matters more than recall.
 */
export interface FoldThresholds {
  /** Items further apart than this are never folded on text (re-posts months later fold only on link identity). */
  readonly maxHoursApart: number;
  /** Share of the shorter summary's 3-word shingles found in the other: the shared lede of one copy. */
  readonly minSummaryOverlap: number;
  /** With a shared lede, the headlines must still share this share of content words (boilerplate summaries). */
  readonly minTitleContainment: number;
  /** Title-only folding (one summary missing) needs a specific headline: at least this many content words. */
  readonly minTitleWordsAlone: number;
  /** …and a short window, since only the headline vouches for identity (aggregators re-post a day or three later). */
  readonly maxHoursTitleAlone: number;
  /** A changed number is a developing story's update only this soon after the first version. */
  readonly maxHoursNumberUpdate: number;
  /** …and only when the summaries are (nearly) the same text. */
  readonly minSummaryOverlapNumberUpdate: number;
}

export const defaultFoldThresholds: FoldThresholds = {
  maxHoursApart: 96,
  minSummaryOverlap: 0.5,
  minTitleContainment: 0.4,
  minTitleWordsAlone: 5,
  maxHoursTitleAlone: 72,
  maxHoursNumberUpdate: 12,
  minSummaryOverlapNumberUpdate: 0.9,
};
