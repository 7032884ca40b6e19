import type { PreparedItem } from './dedupe-item.ts';
import { genreOf, type ItemGenre } from './guards.ts';
import { type SummaryRole, uninformativeSummaryOf } from './summary-role.ts';
import { containment, jaccard } from './text.ts';
import { diffTitles, type TitleDiff } from './title-diff.ts';
import { sameArticleLink } from './url-identity.ts';

/** Every measurement the decision uses, reported as-is in `why` so a fold can be audited. */
export interface FoldSignals {
  readonly canonicalUrlsEqual: boolean;
  /** Which part of the links shows one article on one site (`same slug …`), if any. */
  readonly sameArticleLink?: string;
  readonly sameSite: boolean;
  /** Same site, and both carry the same publication instant to the second: one article re-issued. */
  readonly samePublishedInstant: boolean;
  readonly titlesEqual: boolean;
  /** Jaccard of title content words (function words dropped). */
  readonly titleSimilarity: number;
  /** Share of the shorter title's content words found in the other. */
  readonly titleContainment: number;
  readonly titleDiff: Pick<TitleDiff, 'typoOnly' | 'numberChanged' | 'substitution' | 'slotSwap'> & {
    readonly onlyStored: readonly string[];
    readonly onlyArriving: readonly string[];
  };
  /** Share of 3-word shingles of the shorter summary found in the other; undefined when one has no summary. */
  readonly summaryOverlap?: number;
  readonly summarySimilarity?: number;
  readonly summaryWords: readonly [number, number];
  /** Summaries that cannot vouch either way (photo caption, headline repeated, quip) and were set aside. */
  readonly summaryRoles: readonly [SummaryRole | undefined, SummaryRole | undefined];
  readonly hoursApart?: number;
  readonly genres: readonly [ItemGenre | undefined, ItemGenre | undefined];
}

/** Below this many words a summary is a caption stub or empty: it cannot confirm or refute identity. */
export const MIN_SUMMARY_WORDS = 8;

export function foldSignalsOf(stored: PreparedItem, arriving: PreparedItem): FoldSignals {
  const diff = diffTitles(stored.titleWords, arriving.titleWords);
  const sameSite = Boolean(stored.urlIdentity && stored.urlIdentity.site === arriving.urlIdentity?.site);
  const summaryRoles = [uninformativeSummaryOf(stored), uninformativeSummaryOf(arriving)] as const;
  const bothSummaries =
    stored.summaryWords.length >= MIN_SUMMARY_WORDS &&
    arriving.summaryWords.length >= MIN_SUMMARY_WORDS &&
    summaryRoles.every((role) => role === undefined);
  const link = sameArticleLink(stored.urlIdentity, arriving.urlIdentity);
  const hoursApart =
    stored.publishedMs !== undefined && arriving.publishedMs !== undefined
      ? Math.abs(stored.publishedMs - arriving.publishedMs) / 3_600_000
      : undefined;
  return {
    canonicalUrlsEqual: Boolean(stored.canonicalUrl && stored.canonicalUrl === arriving.canonicalUrl),
    ...(link ? { sameArticleLink: link } : {}),
    sameSite,
    samePublishedInstant:
      sameSite && stored.publishedHasTime && arriving.publishedHasTime && hoursApart !== undefined && hoursApart === 0,
    titlesEqual: stored.titleKey !== '' && stored.titleKey === arriving.titleKey,
    titleSimilarity: round(jaccard(stored.titleContent, arriving.titleContent)),
    titleContainment: round(containment(stored.titleContent, arriving.titleContent)),
    titleDiff: {
      typoOnly: diff.typoOnly,
      numberChanged: diff.numberChanged,
      substitution: diff.substitution,
      slotSwap: diff.slotSwap,
      onlyStored: diff.onlyA,
      onlyArriving: diff.onlyB,
    },
    ...(bothSummaries
      ? {
          summaryOverlap: round(containment(stored.summaryShingles, arriving.summaryShingles)),
          summarySimilarity: round(jaccard(stored.summaryShingles, arriving.summaryShingles)),
        }
      : {}),
    summaryWords: [stored.summaryWords.length, arriving.summaryWords.length],
    summaryRoles,
    ...(hoursApart !== undefined ? { hoursApart: round(hoursApart) } : {}),
    genres: [genreOf(stored), genreOf(arriving)],
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
