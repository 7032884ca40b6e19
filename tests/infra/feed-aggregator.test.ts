import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, FUNCTION_SPECS, type FunctionName } from '../../infra/bundle-settings.ts';
import { TABLE_ACCESS } from '../../infra/table-access.ts';
import { TABLE_SCHEMA, tableDefinition } from '../../lib/store/table.ts';
import {
  FIXTURES,
  missingEntries,
  removeSynthOutputs,
  SYNTH_TIMEOUT_MS,
  type SynthesizedAggregator,
  synthAggregator,
  templateDifferences,
} from './aggregator-app.ts';

afterAll(removeSynthOutputs);

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped; the assertions below check its shape.
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown };

const resourcesOf = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.findResources(type) as Record<string, Resource>);

const functionNamed = (template: Template, name: FunctionName): [string, Resource] => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === `wirefold-${name}`,
  );
  if (!found) throw new Error(`no ${name} function in the template`);
  return found;
};

/** Every Allow statement of the policies attached to the role of the named function. */
const allowedStatementsOf = (template: Template, name: FunctionName): Statement[] => {
  const roleId = functionNamed(template, name)[1].Properties.Role['Fn::GetAtt'][0] as string;
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
};
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());

describe.skipIf(missingEntries.length > 0)('FeedAggregator (bundling skipped)', { timeout: SYNTH_TIMEOUT_MS }, () => {
  let synthesized: SynthesizedAggregator;
  let template: Template;
  beforeAll(() => {
    synthesized = synthAggregator();
    template = synthesized.template;
  });

  it('creates the one table exactly as lib/store/table.ts defines it: on demand, PITR, TTL, sparse due index', () => {
    const definition = tableDefinition('x');
    const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const [, table] = tables[0]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
    });
    expect(table.Properties.KeySchema).toEqual(definition.KeySchema);
    expect(new Set(table.Properties.AttributeDefinitions)).toEqual(new Set(definition.AttributeDefinitions));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: TABLE_SCHEMA.dueIndexName,
        KeySchema: definition.GlobalSecondaryIndexes?.[0]?.KeySchema,
        Projection: { ProjectionType: 'KEYS_ONLY' },
      }),
    ]);
  });

  it('wires the feed queue to a DLQ after 3 receives, with visibility >= 6x the ingest timeout, SSE and TLS only', () => {
    const queues = resourcesOf(template, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    const [, main] = queues.find(([, q]) => q.Properties.RedrivePolicy)!;
    const [dlqId] = queues.find(([, q]) => !q.Properties.RedrivePolicy)!;
    expect(main.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 3,
    });
    const ingestTimeout = functionNamed(template, 'ingest')[1].Properties.Timeout as number;
    expect(main.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingestTimeout);
    for (const [id, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('feeds ingest from the queue with partial batch failures and bounded concurrency', () => {
    const [ingestId] = functionNamed(template, 'ingest');
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ingestId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it.each(FUNCTION_NAMES)(
    'runs %s as an arm64 nodejs22.x ESM bundle with its own log group and Powertools env',
    (name) => {
      const [, fn] = functionNamed(template, name);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: FUNCTION_SPECS[name].timeoutS,
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TABLE_NAME: { Ref: expect.any(String) },
        CONFIG_DIR: '/var/task',
        LOG_LEVEL: 'INFO',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
    },
  );

  it('gives each function its own variables: QUEUE_URL to schedule, retention to ingest, no base URL by default', () => {
    const env = (name: FunctionName) => functionNamed(template, name)[1].Properties.Environment.Variables;
    expect(env('schedule').QUEUE_URL).toEqual({ Ref: expect.any(String) });
    expect(env('ingest').ARTICLE_RETENTION_DAYS).toBe('30');
    expect(env('api').PUBLIC_BASE_URL).toBeUndefined();
    expect(env('ingest').QUEUE_URL).toBeUndefined();
  });

  it('grants no wildcard action, no Resource "*" and no AWS managed policy to any role', () => {
    const allows = resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).filter((s) => s.Effect === 'Allow'),
    );
    expect(allows.length).toBeGreaterThan(5);
    for (const statement of allows) {
      for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
      for (const resource of [statement.Resource].flat()) expect(resource).not.toBe('*');
    }
    for (const [, role] of resourcesOf(template, 'AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it.each(FUNCTION_NAMES)('grants %s exactly its table actions, and the due index only where it reads it', (name) => {
    const statements = allowedStatementsOf(template, name);
    const dynamo = actionsOf(statements).filter((a) => a.startsWith('dynamodb:'));
    expect(new Set(dynamo)).toEqual(new Set([...TABLE_ACCESS[name].table, ...TABLE_ACCESS[name].dueIndex]));
    const indexStatements = statements.filter((s) =>
      JSON.stringify(s.Resource).includes(`/index/${TABLE_SCHEMA.dueIndexName}`),
    );
    expect(actionsOf(indexStatements)).toEqual(TABLE_ACCESS[name].dueIndex);
  });

  it('confines the schedule function to its items (FEED#…, its SCHED bookmark) and due-index partitions', () => {
    const dynamo = allowedStatementsOf(template, 'schedule').filter((s) =>
      actionsOf([s]).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toHaveLength(2);
    const prefixes = dynamo.map(
      (s) =>
        (s as { Condition?: Record<string, Record<string, unknown>> }).Condition?.['ForAllValues:StringLike']?.[
          'dynamodb:LeadingKeys'
        ],
    );
    expect(prefixes.sort()).toEqual([
      ['DUE#*', 'SLOT#*'],
      ['FEED#*', 'SCHED'],
    ]);
  });

  it('lets only the schedule function send to the queue, and keeps the API read-only', () => {
    for (const name of FUNCTION_NAMES) {
      const canSend = actionsOf(allowedStatementsOf(template, name)).includes('sqs:SendMessage');
      expect([name, canSend]).toEqual([name, name === 'schedule']);
    }
    const apiActions = actionsOf(allowedStatementsOf(template, 'api'));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
      expect(apiActions).not.toContain(write);
    }
  });

  it('invokes the schedule function every 5 minutes from EventBridge Scheduler with a role scoped to it', () => {
    const [scheduleId] = functionNamed(template, 'schedule');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: { Arn: { 'Fn::GetAtt': [scheduleId, 'Arn'] } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': [scheduleId, 'Arn'] } },
        ],
      },
    });
  });

  it('keeps the Function URL private (IAM auth) and puts CloudFront with OAC in front of it', () => {
    const [apiId] = functionNamed(template, 'api');
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [apiId, 'Arn'] },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunctionUrl',
      Principal: 'cloudfront.amazonaws.com',
      SourceArn: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      },
    });
  });

  it('hands the viewer host to the API as x-forwarded-host (overwriting a client value), never Host itself', () => {
    const [, fn] = resourcesOf(template, 'AWS::CloudFront::Function')[0]!;
    // Run the deployed viewer-request code on a request that tries to spoof the header.
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const request = handler({
      request: { headers: { host: { value: 'feeds.example.org' }, 'x-forwarded-host': { value: 'evil.example' } } },
    });
    expect(request.headers['x-forwarded-host']).toEqual({ value: 'feeds.example.org' });
    template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['x-forwarded-host'] },
      }),
    });
  });

  it('caches by the origin Cache-Control, keyed on q/limit/cursor only, with Accept-Encoding normalized', () => {
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        MinTTL: 0,
        DefaultTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: {
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
          QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['q', 'limit', 'cursor'] },
          CookiesConfig: { CookieBehavior: 'none' },
        },
      },
    });
  });

  it('alarms on the DLQ, crashes, failing feeds, API 5xx and throttles, all to one SNS topic, with a dashboard', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(6);
    const [topicId] = resourcesOf(template, 'AWS::SNS::Topic')[0]!;
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const metricNames = JSON.stringify(alarms.map(([, a]) => a.Properties));
    for (const metric of [
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Url5xxCount',
      'ReadThrottleEvents',
      'FeedsFailed',
    ]) {
      expect(metricNames).toContain(metric);
    }
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.message = "feed ingested") && ($.ok IS FALSE) }',
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe.skipIf(missingEntries.length > 0)('FeedAggregator props', { timeout: SYNTH_TIMEOUT_MS }, () => {
  it('applies schedule rate, concurrency, retention, log level and removal policy', () => {
    const { template } = synthAggregator({
      scheduleRate: Duration.minutes(10),
      ingestMaxConcurrency: 7,
      articleRetentionDays: 90,
      logLevel: 'DEBUG',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(10 minutes)' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 7 } });
    expect(functionNamed(template, 'ingest')[1].Properties.Environment.Variables).toMatchObject({
      ARTICLE_RETENTION_DAYS: '90',
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
    });
    expect(resourcesOf(template, 'AWS::DynamoDB::Table')[0]![1].DeletionPolicy).toBe('Delete');
  });

  it.each([
    [{ ingestMaxConcurrency: 1 }, /ingestMaxConcurrency must be an integer in 2\.\.1000, got 1/],
    [{ ingestMaxConcurrency: 1001 }, /ingestMaxConcurrency/],
    [{ ingestMaxConcurrency: 2.5 }, /ingestMaxConcurrency/],
    [{ articleRetentionDays: 0 }, /articleRetentionDays must be an integer in 1\.\.3650/],
    [{ failingFeedsPercent: 101 }, /failingFeedsPercent must be an integer in 1\.\.100/],
  ])('rejects %j before anything is deployed', (props, message) => {
    expect(() => synthAggregator(props)).toThrow(message);
  });

  it('serves a custom domain with TLS 1.2 and tells the API its public URL', () => {
    const { template } = synthAggregator({}, {}, (s) => ({
      customDomain: {
        domainName: 'feeds.example.org',
        certificate: acm.Certificate.fromCertificateArn(
          s,
          'Cert',
          'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        ),
      },
    }));
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['feeds.example.org'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    expect(functionNamed(template, 'api')[1].Properties.Environment.Variables.PUBLIC_BASE_URL).toBe(
      'https://feeds.example.org',
    );
  });

  it('refuses a certificate outside us-east-1 at synth', () => {
    expect(() =>
      synthAggregator({}, {}, (s) => ({
        customDomain: {
          domainName: 'feeds.example.org',
          certificate: acm.Certificate.fromCertificateArn(
            s,
            'Cert',
            'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
          ),
        },
      })),
    ).toThrow(/eu-west-1.*us-east-1/);
  });

  it('subscribes the alarm email, or uses a given topic instead of creating one', () => {
    const withEmail = synthAggregator({ alarmEmail: 'oncall@example.org' }).template;
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.org' });
    const withTopic = synthAggregator({}, {}, (s) => ({
      alarmTopic: sns.Topic.fromTopicArn(s, 'Given', 'arn:aws:sns:eu-west-1:123456789012:pager'),
    })).template;
    withTopic.resourceCountIs('AWS::SNS::Topic', 0);
    for (const [, alarm] of resourcesOf(withTopic, 'AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:pager']);
    }
  });
});

describe.skipIf(missingEntries.length > 0)(
  'FeedAggregator config validation at synth',
  { timeout: SYNTH_TIMEOUT_MS },
  () => {
    it.each([
      ['bad-topics.yaml', { topicsFile: path.join(FIXTURES, 'bad-topics.yaml') }, /bad-topics\.yaml:1: .*slug/],
      ['bad-feeds.opml', { feedsFile: path.join(FIXTURES, 'bad-feeds.opml') }, /bad-feeds\.opml:4: .*http or https/],
      ['a missing file', { feedsFile: path.join(FIXTURES, 'nope.opml') }, /cannot read config file .*nope\.opml/],
    ])('fails synth with file and line for %s', (_label, props, message) => {
      expect(() => synthAggregator(props)).toThrow(message);
    });
  },
);

describe.skipIf(missingEntries.length > 0)('synth determinism', { timeout: SYNTH_TIMEOUT_MS }, () => {
  it('produces the same template twice', () => {
    const first = synthAggregator().template.toJSON();
    const second = synthAggregator().template.toJSON();
    expect(templateDifferences(first, second)).toEqual([]);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
