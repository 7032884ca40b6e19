import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FUNCTION_NAMES, FUNCTION_SPECS } from '../../infra/bundle-settings.ts';
import { FeedAggregator, type FeedAggregatorProps } from '../../infra/feed-aggregator.ts';

/** Small, valid config so the infra tests do not depend on the contents of config/. */
export const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures/infra');
export const FIXTURE_CONFIG = {
  feedsFile: path.join(FIXTURES, 'feeds.opml'),
  topicsFile: path.join(FIXTURES, 'topics.yaml'),
} as const;

/** NodejsFunction refuses a missing entry file even when bundling is skipped; the lambdas are written elsewhere. */
export const missingEntries = FUNCTION_NAMES.map((name) => FUNCTION_SPECS[name].entry).filter(
  (entry) => !existsSync(path.resolve(process.cwd(), entry)),
);
if (missingEntries.length > 0) {
  console.warn(`infra tests skipped: lambda entries not written yet: ${missingEntries.join(', ')}`);
}

/** A synth takes ~1 s alone, but the infra suites share two cores with the rest of `npm test`. */
export const SYNTH_TIMEOUT_MS = 60_000;

export interface SynthOptions {
  /** Run esbuild for real (slow); by default the standard CDK context skips bundling for every stack. */
  readonly bundle?: boolean;
  /** Add the AWS Solutions checks (cdk-nag) as a validation plugin. */
  readonly nag?: boolean;
}

const synthOutputs: string[] = [];

/** Deletes every cloud assembly this test file synthesized (bundled ones hold a few MB each); call in afterAll. */
export function removeSynthOutputs(): void {
  for (const dir of synthOutputs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface SynthesizedAggregator {
  readonly app: App;
  readonly stack: Stack;
  readonly aggregator: FeedAggregator;
  readonly template: Template;
  readonly outdir: string;
}

/**
 * One stack with one FeedAggregator, synthesized into a fresh temporary cloud assembly directory.
 * `propsInStack` builds props that need the stack as scope (an imported certificate or topic).
 */
export function synthAggregator(
  props: FeedAggregatorProps = {},
  options: SynthOptions = {},
  propsInStack: (stack: Stack) => FeedAggregatorProps = () => ({}),
): SynthesizedAggregator {
  const outdir = mkdtempSync(path.join(tmpdir(), 'wirefold-cdk-'));
  synthOutputs.push(outdir);
  // Asset metadata lets the bundling test find each function's bundle directory in the assembly.
  const context = options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] };
  const app = new App({ outdir, context });
  const stack = new Stack(app, 'WirefoldTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  const aggregator = new FeedAggregator(stack, 'Aggregator', { ...FIXTURE_CONFIG, ...props, ...propsInStack(stack) });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  return { app, stack, aggregator, template, outdir };
}

export interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly {
      readonly ruleName: string;
      readonly violatingConstructs: { constructPath: string }[];
    }[];
    readonly suppressedViolations?: readonly {
      readonly ruleName: string;
      readonly reason: string;
      readonly violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

/** The report CDK writes for validation plugins, or an empty report when no plugin had anything to say. */
export function readValidationReport(outdir: string): ValidationReport {
  const file = path.join(outdir, 'validation-report.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ValidationReport) : { pluginReports: [] };
}

/** Paths where two templates differ (`/Resources/X/Properties/Code/S3Key: a != b`): a readable failure message. */
export function templateDifferences(a: unknown, b: unknown, at = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      templateDifferences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}/${key}`),
    );
  }
  return [`${at}: ${JSON.stringify(a)?.slice(0, 120)} != ${JSON.stringify(b)?.slice(0, 120)}`];
}
