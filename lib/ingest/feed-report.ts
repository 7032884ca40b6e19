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
  readonly nextFetchAt?: string;
  readonly durationMs: number;
}

export function emptyCounts() {
  return { entries: 0, freshEntries: 0, newArticles: 0, foldedArticles: 0, updatedArticles: 0 };
}
