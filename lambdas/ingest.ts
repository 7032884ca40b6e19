import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { fetchFeed } from '../lib/fetch/fetch-feed.ts';
import { defaultFetchOptions } from '../lib/fetch/fetch-options.ts';
import { type IngestDeps, ingestFeed } from '../lib/ingest.ts';
import type { FeedSource } from '../lib/model.ts';
import { createDb } from '../lib/store/db.ts';
import { loadRuntime } from './runtime.ts';
import { powertoolsLogger, type StructuredLogger } from './structured-logger.ts';

export interface IngestHandlerDeps {
  readonly ingest: IngestDeps;
  readonly sources: ReadonlyMap<string, FeedSource>;
  readonly logger: StructuredLogger;
}

/** One SQS message per feed; a message fails alone (partial batch response) only when AWS itself failed. */
export async function handleIngest(event: SQSEvent, deps: IngestHandlerDeps): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const job = jobOf(record.body);
    const feedId = job?.feedId;
    const source = feedId ? deps.sources.get(feedId) : undefined;
    if (!source) {
      deps.logger.warn('message for no configured feed dropped', {
        messageId: record.messageId,
        body: record.body.slice(0, 200),
      });
      continue;
    }
    try {
      deps.logger.info('feed ingested', { ...(await ingestFeed(source, deps.ingest, { dueAt: job?.dueAt })) });
    } catch (error) {
      deps.logger.error('feed ingest failed; message will be retried', { feedId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

/** `{ feedId, dueAt? }` from a message body; anything else is not ours to retry. */
function jobOf(body: string): { feedId: string; dueAt?: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { feedId?: unknown; dueAt?: unknown };
    if (typeof parsed.feedId !== 'string') return undefined;
    return { feedId: parsed.feedId, ...(typeof parsed.dueAt === 'string' ? { dueAt: parsed.dueAt } : {}) };
  } catch {
    return undefined;
  }
}

let cached: IngestHandlerDeps | undefined;
export const handler = async (event: SQSEvent) => {
  if (!cached) {
    const runtime = loadRuntime(process.env);
    const { settings } = runtime;
    const options = { ...defaultFetchOptions, timeoutMs: settings.fetchTimeoutMs, maxBytes: settings.fetchMaxBytes };
    cached = {
      ingest: {
        db: createDb(settings.tableName),
        fetch: (request) => fetchFeed(request, options),
        topics: runtime.topicMatchers,
        now: () => new Date(),
        articleRetentionDays: settings.articleRetentionDays,
      },
      sources: new Map(runtime.sources.map((s) => [s.feedId, s])),
      logger: powertoolsLogger('wirefold-ingest'),
    };
  }
  return handleIngest(event, cached);
};
