/** What one ingest run of one feed did: the handler logs it as one structured line, the local runner sums it. */
export interface FeedReport {
  readonly feedId: string;
  readonly url: string;
  readonly outcome: 'fetched' | 'not-modified' | 'failed' | 'disabled' | 'not-due';
  readonly ok: boolean;
  readonly status?: number;
  readonly entries: number;
  readonly freshEntries: number;
  readonly newArticles: number;
  readonly foldedArticles: number;
  readonly updatedArticles: number;
  readonly error?: { readonly stage: 'fetch' | 'parse'; readonly kind: string; readonly message: string };
  /** Entries folded into an existing article this run, with how they were matched (at most 20). */
  readonly folds?: readonly FoldNote[];
  readonly nextFetchAt?: string;
  readonly durationMs: number;
}

export interface FoldNote {
  readonly title: string;
  readonly articleId: string;
  readonly via: 'entry' | 'url' | 'near-duplicate' | 'new';
  /** The fold decision's one-line explanation, for near-duplicates. */
  readonly why?: string;
}

export function emptyCounts() {
  return { entries: 0, freshEntries: 0, newArticles: 0, foldedArticles: 0, updatedArticles: 0 };
}
