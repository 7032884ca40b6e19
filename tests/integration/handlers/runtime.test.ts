import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledConfigJson, loadAggregatorConfig } from '../../../infra/aggregator-config.ts';
import { COMPILED_CONFIG_FILE, ConfigurationError, loadRuntime } from '../../../lambdas/runtime.ts';

/** The contract between `cdk synth` (writes config.json into each bundle) and the handlers (read it at cold start). */
describe('Lambda runtime configuration', () => {
  const dirs: string[] = [];
  const dirWith = (json: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefold-runtime-'));
    dirs.push(dir);
    writeFileSync(join(dir, COMPILED_CONFIG_FILE), json);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loads what synth compiled from config/ and compiles every topic', () => {
    const config = loadAggregatorConfig('config/feeds.opml', 'config/topics.yaml');
    const runtime = loadRuntime({ CONFIG_DIR: dirWith(compiledConfigJson(config)), TABLE_NAME: 'wirefold-prod' });
    expect(runtime.settings.tableName).toBe('wirefold-prod');
    expect(runtime.sources).toEqual(config.feeds);
    expect(runtime.topicMatchers.map((m) => m.slug)).toEqual(config.topics.map((t) => t.slug));
  });

  it.each([
    ['not JSON', '{"sources": [', /cannot read the compiled configuration/],
    ['wrong shape', '{"feeds": []}', /expected \{ "sources"/],
    [
      'a query that does not compile',
      JSON.stringify({
        sources: [],
        topics: [{ slug: 't', title: 'T', description: '', query: '(a AND', maxItems: 1, retentionDays: 1 }],
      }),
      /topic "t"/,
    ],
  ])('refuses %s at cold start with a ConfigurationError', (_name, json, message) => {
    const load = () => loadRuntime({ CONFIG_DIR: dirWith(json) });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(message);
  });
});
