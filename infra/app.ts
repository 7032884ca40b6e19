import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FeedAggregator } from './feed-aggregator.ts';
import { wirefoldStackProps } from './stack-props.ts';

/**
 * `npm run synth` / `cdk deploy`. Optional context (cdk.json or `-c key=value`):
 * `alarmEmail`, `domainName` + `certificateArn` (us-east-1), `logLevel`, `stackName`.
 * The AWS Solutions checks run on every synth: a new unacknowledged finding fails the build, not a later review.
 */
const app = new App();
const stack = new Stack(app, String(app.node.tryGetContext('stackName') ?? 'Wirefold'), {
  description: 'wirefold: serverless RSS/Atom/JSON Feed aggregator with topic feeds',
});
new FeedAggregator(stack, 'Aggregator', wirefoldStackProps(stack));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
