import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AggregatorAlarms } from './aggregator-alarms.ts';
import { type AggregatorConfig, loadAggregatorConfig, writeCompiledConfig } from './aggregator-config.ts';
import { AggregatorFunction, type LogLevel } from './aggregator-function.ts';
import { createAggregatorTable } from './aggregator-table.ts';
import { FUNCTION_SPECS, type FunctionName, INGEST_BATCH_SIZE } from './bundle-settings.ts';
import { type CustomDomain, FeedDistribution } from './feed-distribution.ts';
import { InvokeExactFunction } from './invoke-exact-function.ts';
import { grantTableAccess, TABLE_ACCESS } from './table-access.ts';

/** The repo root (this file lives in infra/): lambdas/, config/ and package-lock.json are found from here. */
const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export interface FeedAggregatorProps {
  /** OPML file listing the feeds to poll; validated at synth. @default `config/feeds.opml` of this repo */
  readonly feedsFile?: string;
  /** YAML file defining the published topics; validated at synth. @default `config/topics.yaml` of this repo */
  readonly topicsFile?: string;
  /** How often the schedule function looks for due feeds (each feed adapts its own interval). @default 5 minutes */
  readonly scheduleRate?: Duration;
  /** Days an article stays in the day streams before DynamoDB TTL removes it. @default 30 */
  readonly articleRetentionDays?: number;
  /** Upper bound on concurrent ingest invocations (2–1000): caps load on the table and on feed hosts. @default 4 */
  readonly ingestMaxConcurrency?: number;
  /** Serve the feeds on your own domain (certificate in us-east-1). @default the *.cloudfront.net domain */
  readonly customDomain?: CustomDomain;
  /** Topic the alarms publish to. @default a new topic */
  readonly alarmTopic?: sns.ITopic;
  /** Address subscribed to the alarm topic (confirm the email AWS sends). @default no subscription */
  readonly alarmEmail?: string;
  /** Share of polled feeds failing, in percent, that raises the FailingFeeds alarm. @default 50 */
  readonly failingFeedsPercent?: number;
  /** What happens to the table and log groups when the stack is deleted. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Powertools log level of every function. @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** How long function logs are kept. @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** CloudFront edge locations used. @default PRICE_CLASS_200 (includes Asia, where the first topic's readers are) */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * wirefold on AWS: EventBridge Scheduler → schedule λ → SQS (+DLQ) → ingest λ → DynamoDB ← api λ ← CloudFront.
 * Drop it into any stack; every prop has a default that deploys a working, alarmed aggregator.
 */
export class FeedAggregator extends Construct {
  readonly table: dynamodb.Table;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly functions: Readonly<Record<FunctionName, AggregatorFunction>>;
  readonly distribution: FeedDistribution;
  readonly alarms: AggregatorAlarms;
  readonly config: AggregatorConfig;
  /** Where readers subscribe: `https://<domain>`. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: FeedAggregatorProps = {}) {
    super(scope, id);
    const feedsFile = path.resolve(props.feedsFile ?? path.join(PROJECT_ROOT, 'config/feeds.opml'));
    const topicsFile = path.resolve(props.topicsFile ?? path.join(PROJECT_ROOT, 'config/topics.yaml'));
    this.config = loadAggregatorConfig(feedsFile, topicsFile);
    const compiledConfigFile = writeCompiledConfig(this.config, PROJECT_ROOT);
    // Checked here because Lambda and the handlers' settings would only reject them after deploy.
    const maxConcurrency = integerProp('ingestMaxConcurrency', props.ingestMaxConcurrency ?? 4, 2, 1000);
    const retentionDays = integerProp('articleRetentionDays', props.articleRetentionDays ?? 30, 1, 3650);
    const failingFeedsPercent = integerProp('failingFeedsPercent', props.failingFeedsPercent ?? 50, 1, 100);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.table = createAggregatorTable(this, 'Table', removalPolicy);

    const queueDefaults = { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED } as const;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', { ...queueDefaults, retentionPeriod: Duration.days(14) });
    this.queue = new sqs.Queue(this, 'FeedQueue', {
      ...queueDefaults,
      // AWS's rule for Lambda consumers: at least 6x the function timeout, so a slow batch is not redelivered
      // to a second invocation while the first is still working on it.
      visibilityTimeout: Duration.seconds(FUNCTION_SPECS.ingest.timeoutS * 6),
      // The scheduler re-sends every feed that is still due, so an old message is worth nothing.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });

    const common = {
      projectRoot: PROJECT_ROOT,
      feedsFile,
      topicsFile,
      compiledConfigFile,
      tableName: this.table.tableName,
      logLevel: props.logLevel ?? 'INFO',
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    } as const;
    // Known before deploy only with a custom domain; otherwise the API builds self links from x-forwarded-host
    // (the distribution's own domain would make a dependency cycle: distribution → URL → function → distribution).
    const publicBaseUrlEnv: Record<string, string> = props.customDomain
      ? { PUBLIC_BASE_URL: `https://${props.customDomain.domainName}` }
      : {};
    const schedule = new AggregatorFunction(this, 'Schedule', {
      ...common,
      name: 'schedule',
      environment: { QUEUE_URL: this.queue.queueUrl },
    });
    const ingest = new AggregatorFunction(this, 'Ingest', {
      ...common,
      name: 'ingest',
      environment: { ARTICLE_RETENTION_DAYS: String(retentionDays) },
    });
    const api = new AggregatorFunction(this, 'Api', { ...common, name: 'api', environment: publicBaseUrlEnv });
    this.functions = { schedule, ingest, api };
    for (const name of Object.keys(this.functions) as FunctionName[]) {
      grantTableAccess(this.functions[name].role, this.table, TABLE_ACCESS[name]);
    }
    this.queue.grantSendMessages(schedule.fn);

    ingest.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INGEST_BATCH_SIZE,
        // One bad feed fails only its own message; the rest of the batch is deleted.
        reportBatchItemFailures: true,
        maxConcurrency,
      }),
    );

    new scheduler.Schedule(this, 'PollSchedule', {
      description: 'wirefold: find due feeds and queue them for ingest',
      schedule: scheduler.ScheduleExpression.rate(props.scheduleRate ?? Duration.minutes(5)),
      target: new InvokeExactFunction(this, schedule.fn),
    });

    this.distribution = new FeedDistribution(this, 'Cdn', {
      apiFunction: api.fn,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_200,
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });
    this.publicBaseUrl = this.distribution.publicBaseUrl;

    this.alarms = new AggregatorAlarms(this, 'Alarms', {
      table: this.table,
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      scheduleFunction: schedule.fn,
      ingestFunction: ingest.fn,
      ingestLogGroup: ingest.logGroup,
      apiFunction: api.fn,
      failingFeedsPercent,
      ...(props.alarmTopic ? { alarmTopic: props.alarmTopic } : {}),
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });
  }
}

function integerProp(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`FeedAggregator: ${name} must be an integer in ${min}..${max}, got ${value}`);
  }
  return value;
}
