import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type IngestJob, type ScheduleDeps, scheduleDueFeeds } from '../lib/schedule.ts';
import { createDb } from '../lib/store/db.ts';
import { loadRuntime } from './runtime.ts';
import { powertoolsLogger, type StructuredLogger } from './structured-logger.ts';

export interface ScheduleHandlerDeps extends Omit<ScheduleDeps, 'seed'> {
  readonly logger: Pick<StructuredLogger, 'info'>;
}

let seededInThisContainer = false;

/** EventBridge Scheduler tick: seed new feeds once per container, then enqueue every due feed. */
export async function handleSchedule(_event: unknown, deps: ScheduleHandlerDeps) {
  const report = await scheduleDueFeeds({ ...deps, seed: !seededInThisContainer });
  seededInThisContainer = true;
  deps.logger.info('schedule run', { ...report, enqueued: report.enqueued.length });
  return report;
}

/** SQS takes 10 messages per batch call; a partly failed batch is an AWS failure and the tick is retried. */
export function sqsEnqueue(sqs: SQSClient, queueUrl: string) {
  return async (jobs: readonly IngestJob[]) => {
    for (let start = 0; start < jobs.length; start += 10) {
      const Entries = jobs
        .slice(start, start + 10)
        .map((job, i) => ({ Id: String(i), MessageBody: JSON.stringify({ feedId: job.feedId, dueAt: job.dueAt }) }));
      const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }));
      if (result.Failed && result.Failed.length > 0) throw new Error(`SQS refused ${result.Failed.length} messages`);
    }
  };
}

let cached: ScheduleHandlerDeps | undefined;
export const handler = async (event: unknown) => {
  if (!cached) {
    const runtime = loadRuntime(process.env);
    if (!runtime.settings.queueUrl) throw new Error('QUEUE_URL is not set');
    const db = createDb(runtime.settings.tableName);
    const enqueue = sqsEnqueue(new SQSClient({}), runtime.settings.queueUrl);
    cached = {
      db,
      sources: runtime.sources,
      now: () => new Date(),
      enqueue,
      logger: powertoolsLogger('wirefold-schedule'),
    };
  }
  return handleSchedule(event, cached);
};
