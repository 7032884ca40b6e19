import { App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FeedAggregator } from './feed-aggregator.ts';
import { wirefoldStackProps } from './stack-props.ts';

/**
 * `npm run synth` / `npx cdk deploy`. Optional context (cdk.json or `-c key=value`):
 * `alarmEmail`, `domainName` + `certificateArn` (us-east-1), `logLevel`, `stackName`.
 * The AWS Solutions checks run on every synth: a new unacknowledged finding fails the build, not a later review.
 */
const app = new App();
const stack = new Stack(app, String(app.node.tryGetContext('stackName') ?? 'Wirefold'), {
  description: 'wirefold: serverless RSS/Atom/JSON Feed aggregator with topic feeds',
});
const aggregator = new FeedAggregator(stack, 'Aggregator', wirefoldStackProps(stack));

// What docs/deploy.md's commands need: where to subscribe, which table to backfill, which DLQ to redrive.
const outputs: Record<string, { value: string; description: string }> = {
  PublicUrl: { value: aggregator.publicBaseUrl, description: 'Topic feeds live under /topics/<slug>.{rss,atom,json}' },
  DistributionId: {
    value: aggregator.distribution.distribution.distributionId,
    description: 'For cache invalidations',
  },
  TableName: { value: aggregator.table.tableName, description: 'TABLE_NAME for `npm run topic -- backfill --aws`' },
  FeedQueueArn: { value: aggregator.queue.queueArn, description: 'Where redriven messages go back to' },
  DeadLetterQueueArn: {
    value: aggregator.deadLetterQueue.queueArn,
    description: 'Source of `sqs start-message-move-task`',
  },
  DeadLetterQueueUrl: { value: aggregator.deadLetterQueue.queueUrl, description: 'Peek at failed messages' },
  AlarmTopicArn: { value: aggregator.alarms.topic.topicArn, description: 'Subscribe more endpoints here' },
  DashboardName: { value: aggregator.alarms.dashboard.dashboardName, description: 'CloudWatch > Dashboards' },
};
for (const [id, output] of Object.entries(outputs)) new CfnOutput(stack, id, output);

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
