import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';

/**
 * Scheduler target for the schedule function. The stock LambdaInvoke target also grants `<function arn>:*` (every
 * version and alias); the schedule only ever invokes the unqualified function, so its role gets exactly that ARN.
 */
export class InvokeExactFunction implements scheduler.IScheduleTarget {
  private readonly role: iam.Role;

  constructor(
    scope: Construct,
    private readonly target: lambda.IFunction,
  ) {
    this.role = new iam.Role(scope, 'PollScheduleRole', {
      description: 'wirefold: lets EventBridge Scheduler invoke the schedule function',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        // Confused-deputy guard: only schedules in this account can assume the role.
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [target.functionArn] }),
    );
  }

  bind(): scheduler.ScheduleTargetConfig {
    return {
      arn: this.target.functionArn,
      role: this.role,
      // A missed run is harmless (the next one, minutes later, finds the same due feeds), so retry briefly.
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 300 },
    };
  }
}
