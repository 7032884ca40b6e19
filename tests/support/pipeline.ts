import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseTopicsYaml } from '../../lib/config.ts';
import { defaultFetchOptions, fetchFeed } from '../../lib/fetch/fetch-feed.ts';
import type { IngestDeps } from '../../lib/ingest.ts';
import type { TopicDefinition } from '../../lib/model.ts';
import type { Db } from '../../lib/store/db.ts';
import { compileTopicMatchers } from '../../lib/topic-matchers.ts';

/** Topics from a YAML fixture, compiled as the handlers compile them; a broken fixture fails loudly. */
export function loadTestTopics(file: string): { topics: TopicDefinition[]; matchers: IngestDeps['topics'] } {
  const parsed = parseTopicsYaml(readFileSync(resolve(file), 'utf8'), file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const matchers = compileTopicMatchers(parsed.value);
  if (!matchers.ok) throw new Error(matchers.error.join('\n'));
  return { topics: parsed.value, matchers: matchers.value };
}

/** Real fetch (loopback allowed), real store, a clock the test moves. */
export function testIngestDeps(db: Db, topics: IngestDeps['topics'], clock: { now: Date }): IngestDeps {
  const options = { ...defaultFetchOptions, timeoutMs: 5_000, allowPrivateHosts: ['127.0.0.1'] };
  return {
    db,
    fetch: (request) => fetchFeed(request, options),
    topics,
    now: () => clock.now,
    articleRetentionDays: 30,
  };
}
