import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** An SQS event as Lambda delivers it: only the fields our handler reads are meaningful. */
export function sqsEvent(bodies: readonly string[]): SQSEvent {
  return {
    Records: bodies.map(
      (body, index): SQSRecord => ({
        messageId: `m-${index}`,
        receiptHandle: `r-${index}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '0',
          SenderId: 'test',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:wirefold-ingest',
        awsRegion: 'us-east-1',
      }),
    ),
  };
}

/** Collects what a handler logs, so a test can assert on the structured lines. */
export function recordingLogger() {
  const lines: { level: string; message: string; fields?: unknown }[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({
      level,
      message,
      fields: fields && { ...fields, ...(fields.error instanceof Error ? { error: String(fields.error.stack) } : {}) },
    });
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}
