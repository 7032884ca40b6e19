/**
 * `npm run bench:bundle`: bundles each Lambda exactly as the CDK construct does (the esbuild settings come from
 * infra/bundle-settings.ts) and prints JSON: minified size against its target, gzip size (≈ the deployed zip), the
 * largest inputs, and the module import time (a cold start's own-code share) against an empty handler bundled and
 * imported the same way in the same run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { compiledConfigJson, loadAggregatorConfig } from '../infra/aggregator-config.ts';
import {
  CONFIG_FILE_NAMES,
  ESBUILD_TARGET,
  ESM_REQUIRE_SHIM,
  EXTERNAL_MODULES,
  FUNCTION_NAMES,
  FUNCTION_SPECS,
  MAIN_FIELDS,
  OUTPUT_CHARSET,
} from '../infra/bundle-settings.ts';

const ROOT = process.cwd();
const OUT = path.join(ROOT, '.bench-out', 'bundle');
const KIB = 1024;
/** Issue 8's targets for the minified bundles. */
const TARGET_KIB: Record<string, number | undefined> = { ingest: 600, api: 400 };
const IMPORT_RUNS = 7;
/** Validated the way `cdk synth` validates it; a broken config stops the bench like it stops a deploy. */
const CONFIG = loadAggregatorConfig(path.join(ROOT, 'config/feeds.opml'), path.join(ROOT, 'config/topics.yaml'));

async function bundle(name: string, entry: string): Promise<{ file: string; metafile: Metafile }> {
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
    external: EXTERNAL_MODULES,
    metafile: true,
    logLevel: 'error',
  });
  // The construct copies the config files beside the bundle; handlers may read them when loaded.
  for (const fileName of [CONFIG_FILE_NAMES.feeds, CONFIG_FILE_NAMES.topics]) {
    writeFileSync(path.join(dir, fileName), readFileSync(path.join(ROOT, 'config', fileName)));
  }
  writeFileSync(path.join(dir, CONFIG_FILE_NAMES.compiled), compiledConfigJson(CONFIG));
  return { file, metafile: result.metafile };
}

/** Median wall time of `import()` of the bundle in a fresh Node process (module load + top-level init). */
function importMs(file: string): number {
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

/** The inputs that cost the most bytes in the output, grouped by npm package (or "own code"). */
function largestInputs(metafile: Metafile, outfile: string, count = 6): Record<string, number> {
  const output = Object.entries(metafile.outputs).find(([name]) => path.resolve(ROOT, name) === outfile)?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = match ? match[1]! : 'own code';
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries(
    [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, bytes]) => [name, Math.round((bytes / KIB) * 10) / 10]),
  );
}

async function main(): Promise<void> {
  const missing = FUNCTION_NAMES.filter((name) => !existsSync(path.join(ROOT, FUNCTION_SPECS[name].entry)));
  if (missing.length > 0) {
    console.log(JSON.stringify({ bench: 'bundle', error: `lambda entries missing: ${missing.join(', ')}` }, null, 2));
    process.exitCode = 1;
    return;
  }
  const emptyEntry = path.join(OUT, 'empty-handler.ts');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
  const empty = await bundle('empty', emptyEntry);
  const emptyImportMs = importMs(empty.file);
  // Second baseline: an empty handler that loads the SDK clients the functions use (from the runtime in Lambda,
  // from node_modules here), so `importMs - sdkOnly` is the share our own bundle adds to a cold start.
  const sdkEntry = path.join(OUT, 'sdk-only-handler.ts');
  writeFileSync(
    sdkEntry,
    [
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      "import { SQSClient } from '@aws-sdk/client-sqs';",
      'export const clients = [DynamoDBDocumentClient.from(new DynamoDBClient({})), new SQSClient({})];',
      'export const handler = async () => ({ statusCode: 200 });',
      '',
    ].join('\n'),
  );
  const sdkOnlyImportMs = importMs((await bundle('sdk-only', sdkEntry)).file);

  const functions: Record<string, unknown> = {};
  for (const name of FUNCTION_NAMES) {
    const { file, metafile } = await bundle(name, path.join(ROOT, FUNCTION_SPECS[name].entry));
    const code = readFileSync(file);
    const minifiedKib = code.length / KIB;
    const target = TARGET_KIB[name];
    const ms = importMs(file);
    functions[name] = {
      minifiedKiB: Math.round(minifiedKib * 10) / 10,
      gzipKiB: Math.round((gzipSync(code).length / KIB) * 10) / 10,
      ...(target ? { targetKiB: target, withinTarget: minifiedKib <= target } : {}),
      importMs: Math.round(ms * 10) / 10,
      importVsEmptyHandler: Math.round((ms / emptyImportMs) * 100) / 100,
      importVsSdkOnlyHandler: Math.round((ms / sdkOnlyImportMs) * 100) / 100,
      largestInputsKiB: largestInputs(metafile, file),
    };
  }
  console.log(
    JSON.stringify(
      {
        bench: 'bundle',
        node: process.version,
        esbuild: {
          target: ESBUILD_TARGET,
          format: 'esm',
          minify: true,
          charset: OUTPUT_CHARSET,
          external: EXTERNAL_MODULES,
        },
        importRuns: IMPORT_RUNS,
        baseline: {
          emptyHandlerImportMs: Math.round(emptyImportMs * 10) / 10,
          sdkOnlyHandlerImportMs: Math.round(sdkOnlyImportMs * 10) / 10,
        },
        functions,
      },
      null,
      2,
    ),
  );
}

await main();
