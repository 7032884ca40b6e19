import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEED_REPORT_MESSAGE } from '../../infra/aggregator-alarms.ts';
import type { FeedReport } from '../../lib/ingest/feed-report.ts';

/**
 * The failing-feeds alarm counts ingest log lines with two metric filters: `{ $.message = "feed ingested" }` and
 * `... && $.ok IS FALSE }`. These tests pin both ends of that contract: what Powertools writes, and what the ingest
 * handler logs. Renaming the message or the `ok` field silently blinds the alarm; here it fails a test instead.
 */
describe('ingest log line ↔ metric filters', () => {
  afterEach(() => vi.restoreAllMocks());

  it('Powertools writes one JSON line with the text under "message" and the report fields at top level', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    new Logger({ serviceName: 'wirefold-ingest' }).info(FEED_REPORT_MESSAGE, { feedId: 'f1', ok: false });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'feed ingested', ok: false, feedId: 'f1' });
  });

  it('the ingest handler logs every FeedReport (which carries a boolean ok) under that message', () => {
    const okIsBoolean: FeedReport['ok'] extends boolean ? true : false = true;
    expect(okIsBoolean).toBe(true);
    const handler = readFileSync(path.resolve(process.cwd(), 'lambdas/ingest.ts'), 'utf8');
    expect(handler).toMatch(new RegExp(`\\.info\\(\\s*'${FEED_REPORT_MESSAGE}',`));
  });
});
