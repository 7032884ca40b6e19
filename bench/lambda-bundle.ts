/**
 * Bundles a Lambda entry exactly as the CDK construct does (the esbuild settings come from infra/bundle-settings.ts,
 * the compiled config.json sits beside it) and times its import in a fresh process: shared by bench:bundle and
 * bench:api, so both measure the bundle that would be deployed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { compiledConfigJson, loadAggregatorConfig } from '../infra/aggregator-config.ts';
import {
  CONFIG_FILE_NAMES,
  ESBUILD_TARGET,
  ESM_REQUIRE_SHIM,
  EXTERNAL_MODULES,
  MAIN_FIELDS,
  OUTPUT_CHARSET,
} from '../infra/bundle-settings.ts';

export const ROOT = process.cwd();
export const OUT = path.join(ROOT, '.bench-out', 'bundle');
export const IMPORT_RUNS = 7;
/** Validated the way `cdk synth` validates it; a broken config stops the bench like it stops a deploy. */
const CONFIG = loadAggregatorConfig(path.join(ROOT, 'config/feeds.opml'), path.join(ROOT, 'config/topics.yaml'));

export async function bundle(
  name: string,
  entry: string,
  external: string[] = [...EXTERNAL_MODULES],
): Promise<{ file: string; metafile: Metafile; bytes: number }> {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.mjs');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_SHIM },
    minify: true,
    charset: OUTPUT_CHARSET,
    sourcemap: true,
    sourcesContent: false,
    external,
    metafile: true,
    logLevel: 'error',
  });
  // The construct writes the validated config beside the bundle; handlers read it when loaded.
  writeFileSync(path.join(dir, CONFIG_FILE_NAMES.compiled), compiledConfigJson(CONFIG));
  const bytes = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('index.mjs'))?.[1].bytes ?? 0;
  return { file, metafile: result.metafile, bytes };
}

/** Median wall time of `import()` of the bundle in a fresh Node process (module load + top-level init). */
export function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  // No NODE_OPTIONS: a loader inherited from tsx would be timed too.
  const { NODE_OPTIONS: _loader, ...inherited } = process.env;
  const env = {
    ...inherited,
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'wirefold-bench',
    QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/wirefold-bench',
    CONFIG_DIR: path.dirname(file),
    LOG_LEVEL: 'ERROR',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  const samples = Array.from({ length: IMPORT_RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ),
  ).sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
