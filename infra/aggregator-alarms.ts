import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The log line the ingest handler writes once per feed per run (Powertools Logger puts the message under
 * `message`): `logger.info('feed ingested', { feedId, ok: true|false, ... })`. Two metric filters count them, so
 * the share of failing feeds needs no metrics library in the bundle.
 */
export const FEED_REPORT_MESSAGE = 'feed ingested';

export interface AggregatorAlarmsProps {
  readonly table: dynamodb.ITable;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly scheduleFunction: lambda.IFunction;
  readonly ingestFunction: lambda.IFunction;
  readonly ingestLogGroup: logs.ILogGroup;
  readonly apiFunction: lambda.IFunction;
  readonly alarmTopic?: sns.ITopic;
  readonly alarmEmail?: string;
  /** Percent of feeds failing in a 15-minute window (two windows in a row) that pages. */
  readonly failingFeedsPercent: number;
}

/** Alarms that page when ingest or serving breaks, an SNS topic to send them to, and one dashboard. */
export class AggregatorAlarms extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AggregatorAlarmsProps) {
    super(scope, id);
    this.topic = props.alarmTopic ?? new sns.Topic(this, 'Topic', { displayName: 'wirefold alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const fiveMinutes = Duration.minutes(5);
    const namespace = `Wirefold/${Stack.of(this).stackName}`;
    const feedMetric = (metricName: string, pattern: logs.IFilterPattern) =>
      new logs.MetricFilter(this, `${metricName}Filter`, {
        logGroup: props.ingestLogGroup,
        filterPattern: pattern,
        metricNamespace: namespace,
        metricName,
        metricValue: '1',
      }).metric({ statistic: 'Sum', period: Duration.minutes(15) });
    const isReport = logs.FilterPattern.stringValue('$.message', '=', FEED_REPORT_MESSAGE);
    const feedsIngested = feedMetric('FeedsIngested', isReport);
    const feedsFailed = feedMetric(
      'FeedsFailed',
      logs.FilterPattern.all(isReport, logs.FilterPattern.booleanValue('$.ok', false)),
    );
    const failingShare = new cloudwatch.MathExpression({
      expression: 'IF(ingested > 0, 100 * failed / ingested, 0)',
      usingMetrics: { ingested: feedsIngested, failed: feedsFailed },
      label: 'failing feeds %',
      period: Duration.minutes(15),
    });

    const dlqDepth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      statistic: 'Maximum',
      period: fiveMinutes,
    });
    const queueAge = props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: fiveMinutes });
    const errorsOf = (fn: lambda.IFunction) => fn.metricErrors({ statistic: 'Sum', period: fiveMinutes });
    // Function URL metrics: every 5xx the readers saw that reached the origin, including crashes (502).
    const api5xx = props.apiFunction.metric('Url5xxCount', { statistic: 'Sum', period: fiveMinutes });
    const apiRequests = props.apiFunction.metric('UrlRequestCount', { statistic: 'Sum', period: fiveMinutes });
    const throttles = new cloudwatch.MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: props.table.metric('ReadThrottleEvents', { statistic: 'Sum', period: fiveMinutes }),
        writes: props.table.metric('WriteThrottleEvents', { statistic: 'Sum', period: fiveMinutes }),
      },
      label: 'throttled requests',
      period: fiveMinutes,
    });

    const alarm = (name: string, description: string, metric: cloudwatch.IMetric, threshold: number, of = 1) => {
      const created = new cloudwatch.Alarm(this, name, {
        alarmDescription: `wirefold: ${description}`,
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: of === 1 ? 1 : 3,
        datapointsToAlarm: of,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new actions.SnsAction(this.topic));
      created.addOkAction(new actions.SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };
    alarm('DeadLetters', 'feed messages failed 3 times and sit in the DLQ (see docs/deploy.md: redrive)', dlqDepth, 1);
    alarm(
      'IngestErrors',
      'the ingest function crashed (not a feed error: those are reported per feed)',
      errorsOf(props.ingestFunction),
      1,
      2,
    );
    alarm(
      'ScheduleErrors',
      'the schedule function failed: no feed is being polled',
      errorsOf(props.scheduleFunction),
      1,
      2,
    );
    alarm(
      'FailingFeeds',
      `${props.failingFeedsPercent}% or more of the polled feeds failed, in 2 of 3 fifteen-minute windows`,
      failingShare,
      props.failingFeedsPercent,
      2,
    );
    alarm('Api5xx', 'the API answered 5xx to readers', api5xx, 1, 2);
    alarm('TableThrottles', 'DynamoDB throttled requests', throttles, 1);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Feeds polled / failed (15 min)',
            left: [feedsIngested, feedsFailed],
            right: [failingShare],
          }),
          new cloudwatch.GraphWidget({ title: 'Queue age (s) / DLQ depth', left: [queueAge], right: [dlqDepth] }),
          new cloudwatch.GraphWidget({
            title: 'Function errors',
            left: [errorsOf(props.scheduleFunction), errorsOf(props.ingestFunction), errorsOf(props.apiFunction)],
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'API requests / 5xx', left: [apiRequests], right: [api5xx] }),
          new cloudwatch.GraphWidget({
            title: 'Durations p90 (ms)',
            left: [props.ingestFunction, props.apiFunction].map((fn) =>
              fn.metricDuration({ statistic: 'p90', period: fiveMinutes }),
            ),
          }),
          new cloudwatch.GraphWidget({
            title: 'DynamoDB capacity / throttles',
            left: [
              props.table.metricConsumedReadCapacityUnits({ statistic: 'Sum', period: fiveMinutes }),
              props.table.metricConsumedWriteCapacityUnits({ statistic: 'Sum', period: fiveMinutes }),
            ],
            right: [throttles],
          }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }
}
