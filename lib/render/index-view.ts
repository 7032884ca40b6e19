import type { FeedViewItem, OutputFormat } from '../model.ts';

/** What the HTML index page shows; lib/serve assembles it from the store, the renderer only formats it. */

export type FormatLinks = Readonly<Record<OutputFormat, string>>;

export interface TopicSummary {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  /** Items currently in the feed, counted up to a bound; `countIsLowerBound` when there are more. */
  readonly itemCount: number;
  readonly countIsLowerBound: boolean;
  /** ISO; absent for an empty topic. */
  readonly updatedAt?: string;
  readonly feeds: FormatLinks;
  readonly latest: readonly FeedViewItem[];
}

export type SourceStatus = 'ok' | 'failing' | 'disabled' | 'never-fetched';

export interface SourceHealth {
  readonly feedId: string;
  readonly title: string;
  readonly url: string;
  readonly status: SourceStatus;
  /** For a feed on a cadence: the last poll that changed something (polls that change nothing are not recorded). */
  readonly lastFetchedAt?: string;
  readonly lastSuccessAt?: string;
  readonly nextFetchAt: string;
  /** Set while the feed polls on a fixed cadence (healthy); absent while it backs off or was never polled. */
  readonly pollEveryMinutes?: number;
  readonly consecutiveFailures: number;
  readonly lastStatus?: number;
  readonly itemsSeen?: number;
  readonly lastError?: { readonly kind: string; readonly message: string; readonly at: string };
  /** Why the next poll is when it is (publishing rhythm, back-off, Retry-After, max-age). */
  readonly pollReason?: string;
  /** Set when the server declared a wrong charset and we decoded with another. */
  readonly charsetNote?: string;
}

export interface IndexView {
  readonly title: string;
  readonly baseUrl: string;
  readonly topics: readonly TopicSummary[];
  readonly allFeeds: FormatLinks;
  readonly opmlUrl: string;
  readonly sources: readonly SourceHealth[];
}

export const FORMAT_LABELS: Readonly<Record<OutputFormat, string>> = {
  rss: 'RSS',
  atom: 'Atom',
  json: 'JSON Feed',
};

export const FORMAT_MEDIA_TYPES: Readonly<Record<OutputFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
