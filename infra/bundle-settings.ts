/**
 * How each Lambda is bundled, in one place: the CDK construct (infra/aggregator-function.ts) and the bundle benchmark
 * (bench/bundle.ts) both read these constants, so the bench measures exactly what gets deployed.
 * No aws-cdk-lib import here: the bench loads this file without paying for the CDK.
 */

/** The three functions, their entry files relative to the repo root, and their memory/time budgets. */
export const FUNCTION_SPECS = {
  schedule: { entry: 'lambdas/schedule.ts', memoryMb: 256, timeoutS: 60 },
  // lambdas/ingest.ts handles a batch's feeds one after another, each fetch capped at 30 s (FETCH_TIMEOUT_MS):
  // INGEST_BATCH_SIZE x 30 s + 30 s for parsing and writes.
  ingest: { entry: 'lambdas/ingest.ts', memoryMb: 512, timeoutS: 180 },
  // More memory buys more CPU: it shortens cold starts and rendering of large feeds.
  api: { entry: 'lambdas/api.ts', memoryMb: 512, timeoutS: 15 },
} as const;

export type FunctionName = keyof typeof FUNCTION_SPECS;
export const FUNCTION_NAMES = Object.keys(FUNCTION_SPECS) as FunctionName[];

/** SQS messages handed to one ingest invocation (one message = one feed). */
export const INGEST_BATCH_SIZE = 5;

/**
 * Config files copied next to every bundle; handlers read them from `CONFIG_DIR`. `compiled` is the same config
 * already parsed and validated at synth (`{ sources: FeedSource[], topics: TopicDefinition[] }`): a Lambda that
 * reads it needs neither the YAML nor the OPML parser in its bundle.
 */
export const CONFIG_FILE_NAMES = { feeds: 'feeds.opml', topics: 'topics.yaml', compiled: 'config.json' } as const;

/** Where the bundle lands in Lambda; the config files are copied beside index.mjs. */
export const LAMBDA_CONFIG_DIR = '/var/task';

/** Lambda runs nodejs22.x; esbuild must not emit syntax newer than that. */
export const ESBUILD_TARGET = 'node22';

/**
 * ESM bundles cannot call `require`, but some CommonJS dependencies bundled into them still do (for node: builtins).
 * The banner recreates `require` at the top of the bundle; the alias avoids clashing with bundled identifiers.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as wirefoldCreateRequire } from 'node:module'; const require = wirefoldCreateRequire(import.meta.url);";

/**
 * Keep non-ASCII characters as UTF-8 instead of `\uXXXX` escapes: the HTML entity tables the sanitizer bundles are
 * full of them, and escaping costs ~28 KiB of the ingest bundle. Node always reads ESM source as UTF-8.
 */
export const OUTPUT_CHARSET = 'utf8';

/** Prefer ESM builds of dependencies: they tree-shake far better than CommonJS ones. */
export const MAIN_FIELDS = ['module', 'main'];

/**
 * The AWS SDK v3 is left out of the bundles: the nodejs22.x runtime ships it (clients and lib-dynamodb), and bundling
 * it costs ~320 KiB per function (@smithy/core alone is 130 KiB) — the api bundle could not meet its 400 KiB
 * budget otherwise. Everything else (Powertools, feedsmith, zod, yaml, sanitize-html) is bundled and tree-shaken.
 * This is also aws-cdk-lib's own default for Node 18+ runtimes.
 */
export const EXTERNAL_MODULES: string[] = ['@aws-sdk/*'];
