import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, ESM_REQUIRE_SHIM } from '../../infra/bundle-settings.ts';
import {
  FIXTURE_CONFIG,
  missingEntries,
  removeSynthOutputs,
  SYNTH_TIMEOUT_MS,
  type SynthesizedAggregator,
  synthAggregator,
  templateDifferences,
} from './aggregator-app.ts';

afterAll(removeSynthOutputs);

/** Bundle directory of every function, from the asset metadata the test app enables. */
const bundleDirsOf = (template: Template, outdir: string): Record<string, string> =>
  Object.fromEntries(
    Object.values(template.findResources('AWS::Lambda::Function')).map((fn) => [
      fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string,
      path.join(outdir, fn.Metadata['aws:asset:path'] as string),
    ]),
  );

// The one suite that runs esbuild for real (local esbuild, no Docker): it proves the bundles the deploy uploads.
describe.skipIf(missingEntries.length > 0)(
  'FeedAggregator bundling (real esbuild)',
  { timeout: SYNTH_TIMEOUT_MS },
  () => {
    let first: SynthesizedAggregator;
    beforeAll(() => {
      first = synthAggregator({}, { bundle: true });
    });

    it('bundles each function to one ESM file with the require shim, a source map and the config files', () => {
      const { template, outdir } = first;
      const dirs = bundleDirsOf(template, outdir);
      expect(Object.keys(dirs).sort()).toEqual(['wirefold-api', 'wirefold-ingest', 'wirefold-schedule']);
      for (const dir of Object.values(dirs)) {
        const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
        expect(code.startsWith(ESM_REQUIRE_SHIM)).toBe(true);
        expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
        // The SDK comes from the runtime: imported, not inlined.
        expect(code).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
        expect(code).not.toContain('@smithy/core');
        expect(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')).toContain('"mappings"');
        expect(readFileSync(path.join(dir, CONFIG_FILE_NAMES.feeds), 'utf8')).toBe(
          readFileSync(FIXTURE_CONFIG.feedsFile, 'utf8'),
        );
        expect(readFileSync(path.join(dir, CONFIG_FILE_NAMES.topics), 'utf8')).toBe(
          readFileSync(FIXTURE_CONFIG.topicsFile, 'utf8'),
        );
        // The same config, parsed and validated at synth, for handlers that skip the YAML/OPML parsers.
        const compiled = JSON.parse(readFileSync(path.join(dir, CONFIG_FILE_NAMES.compiled), 'utf8'));
        expect(compiled.sources.map((s: { url: string }) => s.url)).toEqual([
          'https://wire.example.org/rss.xml',
          'https://tech.example.net/atom.xml',
        ]);
        expect(compiled).toEqual({ sources: first.aggregator.config.feeds, topics: first.aggregator.config.topics });
      }
    });

    it('produces the same template, asset hashes included, when bundled twice', () => {
      const second = synthAggregator({}, { bundle: true }).template.toJSON();
      expect(templateDifferences(first.template.toJSON(), second)).toEqual([]);
    });
  },
);
