import path from 'node:path';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  CONFIG_FILE_NAMES,
  ESBUILD_TARGET,
  ESM_REQUIRE_SHIM,
  EXTERNAL_MODULES,
  FUNCTION_SPECS,
  type FunctionName,
  LAMBDA_CONFIG_DIR,
  MAIN_FIELDS,
  OUTPUT_CHARSET,
} from './bundle-settings.ts';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface AggregatorFunctionProps {
  readonly name: FunctionName;
  /** Repo root: entries, the lock file and the config files are resolved from here. */
  readonly projectRoot: string;
  /** Absolute paths of the (already validated) config files copied into the bundle. */
  readonly feedsFile: string;
  readonly topicsFile: string;
  /** The parsed config as JSON, written at synth, relative to projectRoot (see CONFIG_FILE_NAMES.compiled). */
  readonly compiledConfigFile: string;
  /** Function-specific variables, added to the common ones (TABLE_NAME, CONFIG_DIR, log settings). */
  readonly environment: Record<string, string>;
  readonly tableName: string;
  readonly logLevel: LogLevel;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * One wirefold Lambda: a NodejsFunction (ESM, minified, arm64, nodejs22.x) with its own log group and its own role.
 * The role starts empty apart from writing to its own log group — no AWS managed policy — and the construct grants
 * each function exactly the table and queue actions it needs.
 */
export class AggregatorFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AggregatorFunctionProps) {
    super(scope, id);
    const spec = FUNCTION_SPECS[props.name];

    // An explicit log group (not the deprecated logRetention custom resource) so retention, removal and the
    // metric filters on the ingest log all hang off one resource we own.
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `wirefold ${props.name} function: writes its own log group; table/queue grants are added per use`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    const feedsRelative = path.relative(props.projectRoot, props.feedsFile);
    const topicsRelative = path.relative(props.projectRoot, props.topicsFile);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: path.join(props.projectRoot, spec.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutS),
      role: this.role,
      logGroup: this.logGroup,
      description: `wirefold ${props.name}`,
      environment: {
        TABLE_NAME: props.tableName,
        CONFIG_DIR: LAMBDA_CONFIG_DIR,
        LOG_LEVEL: props.logLevel,
        POWERTOOLS_SERVICE_NAME: `wirefold-${props.name}`,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        // Stack traces point at the TypeScript sources instead of minified columns.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_SHIM,
        minify: true,
        charset: OUTPUT_CHARSET === 'utf8' ? Charset.UTF8 : Charset.ASCII,
        sourceMap: true,
        // Sources stay out of the map: the zip stays small and the map still names files and lines.
        sourcesContent: false,
        externalModules: EXTERNAL_MODULES,
        // esbuild is a local dev dependency: bundling never needs Docker or the network.
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // inputDir is the project root; quoting keeps paths with spaces intact.
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp "${path.join(inputDir, feedsRelative)}" "${path.join(outputDir, CONFIG_FILE_NAMES.feeds)}"`,
            `cp "${path.join(inputDir, topicsRelative)}" "${path.join(outputDir, CONFIG_FILE_NAMES.topics)}"`,
            `cp "${path.join(inputDir, props.compiledConfigFile)}" "${path.join(outputDir, CONFIG_FILE_NAMES.compiled)}"`,
          ],
        },
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'nodejs22.x on purpose: the team builds and tests for Node 22 (esbuild target node22, DESIGN.md); moving to ' +
        'nodejs24.x is a deliberate upgrade with its own test run, not a side effect of bumping aws-cdk-lib.',
    });
  }
}
