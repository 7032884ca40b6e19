import { type Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import {
  missingEntries,
  readValidationReport,
  removeSynthOutputs,
  SYNTH_TIMEOUT_MS,
  synthAggregator,
} from './aggregator-app.ts';

afterAll(removeSynthOutputs);

/**
 * Every acknowledged AWS Solutions rule, and where. A new suppression must be added here on purpose; its reason
 * lives next to the resource in infra/ (and is listed in docs/deploy.md).
 */
const EXPECTED_SUPPRESSIONS = [
  'AwsSolutions-CFR1 Cdn/Distribution',
  'AwsSolutions-CFR2 Cdn/Distribution',
  'AwsSolutions-CFR3 Cdn/Distribution',
  'AwsSolutions-CFR4 Cdn/Distribution',
  'AwsSolutions-L1 Api/Function',
  'AwsSolutions-L1 Ingest/Function',
  'AwsSolutions-L1 Schedule/Function',
];

/** Acknowledgments as CDK records them: construct metadata `{ "<plugin>::<rule>": reason }`. */
const suppressionsOf = (stack: Stack) =>
  stack.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          rule: id.replace(/^AwsSolutions::/, ''),
          where: construct.node.path.replace(/^WirefoldTest\/Aggregator\//, ''),
          reason,
        })),
      ),
  );
const violationsOf = (outdir: string) =>
  readValidationReport(outdir).pluginReports.flatMap((report) =>
    report.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
  );

describe.skipIf(missingEntries.length > 0)('cdk-nag AwsSolutionsChecks', { timeout: SYNTH_TIMEOUT_MS }, () => {
  it('finds nothing unacknowledged in the default construct, and every acknowledgment has a reason', () => {
    const { outdir, stack } = synthAggregator({}, { nag: true });
    expect(violationsOf(outdir)).toEqual([]);
    const suppressions = suppressionsOf(stack);
    expect(suppressions.map((s) => `${s.rule} ${s.where}`).sort()).toEqual(EXPECTED_SUPPRESSIONS);
    for (const s of suppressions) expect(s.reason.length, `${s.rule} on ${s.where}`).toBeGreaterThan(40);
  });

  it('needs no TLS suppression once a custom domain brings its own certificate', () => {
    const { outdir, stack } = synthAggregator({}, { nag: true }, (scope) => ({
      customDomain: {
        domainName: 'feeds.example.org',
        certificate: acm.Certificate.fromCertificateArn(scope, 'C', 'arn:aws:acm:us-east-1:123456789012:certificate/x'),
      },
    }));
    expect(violationsOf(outdir)).toEqual([]);
    expect(suppressionsOf(stack).map((s) => s.rule)).not.toContain('AwsSolutions-CFR4');
  });

  it('is live: an unacknowledged finding in the same app fails synthesis', () => {
    expect(() =>
      synthAggregator({}, {}, (stack: Stack) => {
        new sqs.Queue(stack, 'QueueWithoutDlq', { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
        Validations.of(stack.node.root).addPlugins(new AwsSolutionsChecks(stack.node.root));
        return {};
      }),
    ).toThrow(/AwsSolutions-SQS3/);
  });
});
