/**
 * `npm run bench:bundle`: bundles each Lambda exactly as the CDK construct does (see lambda-bundle.ts) and prints
 * JSON: minified size against its target, gzip size (≈ the deployed zip), the largest inputs, and the module import
 * time (a cold start's own-code share) against an empty handler bundled and imported the same way in the same run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';
import {
  ESBUILD_TARGET,
  EXTERNAL_MODULES,
  FUNCTION_NAMES,
  FUNCTION_SPECS,
  OUTPUT_CHARSET,
} from '../infra/bundle-settings.ts';
import { bundle, IMPORT_RUNS, importMs, OUT, ROOT } from './lambda-bundle.ts';

const KIB = 1024;
/** Issue 8's targets for the minified bundles. */
const TARGET_KIB: Record<string, number | undefined> = { ingest: 600, api: 400 };

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
