/**
 * The shapes that cross module boundaries. Each pipeline stage owns its own internals; these are the contracts
 * between stages (fetch → parse → normalize → dedupe → topics → store → render).
 */

/** Input formats we read; one parser file each behind `lib/parse/registry.ts`. */
export type InputFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** Output formats we write; one renderer file each behind `lib/render/registry.ts`. */
export const OUTPUT_FORMATS = ['rss', 'atom', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A feed we poll, as configured in `config/feeds.opml`. */
export interface FeedSource {
  /** Stable id derived from the configured URL (survives title edits in the OPML). */
  readonly feedId: string;
  readonly url: string;
  readonly title: string;
  readonly siteUrl?: string;
  readonly category?: string;
}

/** One entry as the parser found it: strings as written in the document, nothing resolved yet. */
export interface ParsedEntry {
  readonly guid?: string;
  /** Whether an RSS guid claims to be a permalink (`isPermaLink` absent or true). */
  readonly guidIsPermalink?: boolean;
  readonly link?: string;
  readonly title?: string;
  /** HTML or text as found (unsanitized). */
  readonly summary?: string;
  readonly content?: string;
  readonly published?: string;
  readonly updated?: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  /** xml:base in force for this entry, if any. */
  readonly base?: string;
  readonly language?: string;
}

export interface ParsedFeed {
  readonly format: InputFormat;
  readonly title?: string;
  readonly link?: string;
  readonly description?: string;
  readonly language?: string;
  readonly base?: string;
  /** RSS <ttl> / sy:updatePeriod hints, in minutes. */
  readonly ttlMinutes?: number;
  readonly entries: readonly ParsedEntry[];
}

/** An entry after normalization: absolute URLs, ISO dates, sanitized HTML, plain-text title. */
export interface NormalizedEntry {
  /** Identity within its feed: guid, else link, else title + date (see lib/dedupe). */
  readonly entryKey: string;
  readonly url?: string;
  readonly title: string;
  readonly summaryHtml?: string;
  readonly contentHtml?: string;
  /** ISO 8601 UTC. Falls back to the time we first saw the entry. */
  readonly publishedAt: string;
  readonly updatedAt?: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly language?: string;
}

/** One outlet that carried a story. */
export interface ArticleSource {
  readonly feedId: string;
  readonly feedTitle: string;
  readonly url?: string;
  /** The entry's key in its feed; kept on the article item, left out of the slim timeline copies. */
  readonly entryKey?: string;
  readonly seenAt: string;
}

/** One story, folded across every outlet that carried it. */
export interface Article {
  /** Stable forever: derived from the first canonical URL (or the first entry key), never from the title. */
  readonly articleId: string;
  readonly url?: string;
  readonly canonicalUrl?: string;
  readonly title: string;
  readonly summaryHtml?: string;
  readonly contentHtml?: string;
  readonly publishedAt: string;
  readonly updatedAt?: string;
  readonly firstSeenAt: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly language?: string;
  /** The first outlet comes first; later outlets are appended, never reordered. */
  readonly sources: readonly ArticleSource[];
  /** Topic slugs this article belongs to, with the reason it matched. */
  readonly topics: readonly TopicMembership[];
}

/** Why an article is in a topic: human-readable clause descriptions (lib/topics builds them). */
export interface TopicMembership {
  readonly slug: string;
  readonly why: readonly string[];
}

/** A topic as configured in `config/topics.yaml`. */
export interface TopicDefinition {
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly query: string;
  readonly maxItems: number;
  readonly retentionDays: number;
  readonly languages?: readonly string[];
}

/** What the renderers receive: everything already decided, nothing left to look up. */
export interface FeedView {
  /** Stable feed id (a tag: URI or the canonical self URL). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Absolute URL of this document (rel=self). */
  readonly selfUrl: string;
  /** Absolute URL of the HTML page for humans. */
  readonly homeUrl: string;
  /** ISO 8601; the newest item's update time, never the clock (byte-stable output). */
  readonly updatedAt: string;
  readonly items: readonly FeedViewItem[];
  /** RFC 5005 next page / JSON Feed next_url. */
  readonly nextUrl?: string;
}

export interface FeedViewItem {
  /** Output id, stable once published (tag: URI from the articleId). */
  readonly id: string;
  readonly url?: string;
  readonly title: string;
  readonly summaryHtml?: string;
  readonly contentHtml?: string;
  readonly publishedAt: string;
  readonly updatedAt?: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly language?: string;
  /** The outlet that carried it first. */
  readonly source: { readonly title: string; readonly url?: string; readonly feedUrl?: string };
  readonly alsoReportedBy: readonly { readonly title: string; readonly url?: string }[];
  readonly why?: readonly string[];
}

/** Per-feed polling state and health (the `FEED#<id> / STATE` item). */
export interface FeedState {
  readonly feedId: string;
  readonly url: string;
  readonly title: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly lastFetchedAt?: string;
  readonly lastSuccessAt?: string;
  readonly nextFetchAt: string;
  /**
   * A healthy feed's cadence in minutes (lib/schedule/poll-slots.ts): it is then due in fixed slots, and a poll that
   * changes nothing writes nothing, so `nextFetchAt` and `lastFetchedAt` are as of the last change. Absent while a
   * feed has a one-off due time (never polled, backing off, Retry-After).
   */
  readonly pollEveryMinutes?: number;
  /** With `pollEveryMinutes`: the feed's slot within each cycle of its cadence (lib/schedule/poll-slots.ts). */
  readonly pollPhase?: number;
  readonly consecutiveFailures: number;
  readonly lastError?: { readonly kind: string; readonly message: string; readonly at: string };
  readonly disabled?: boolean;
  /** Bounded list of recently seen entry-key hashes: a cheap "already seen" check before any article read. */
  readonly recentEntryHashes: readonly string[];
  readonly lastStatus?: number;
  readonly itemsSeen?: number;
  /** Publication times of the newest entries (bounded): the feed's rhythm, kept across 304s for polling. */
  readonly recentPublishedAt?: readonly string[];
  /**
   * The server's polling hints from the last document or response that had them (RSS <ttl>, Cache-Control max-age):
   * a 304 carries no document and often no Cache-Control, and forgetting them would flip the feed's cadence.
   */
  readonly ttlMinutes?: number;
  readonly cacheMaxAgeS?: number;
  /** Why the next poll is when it is (health page). */
  readonly pollReason?: string;
  /** Set when the server's declared charset was wrong and we decoded with another one (health page). */
  readonly charsetNote?: string;
}
