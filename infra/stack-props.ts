import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type { LogLevel } from './aggregator-function.ts';
import type { FeedAggregatorProps } from './feed-aggregator.ts';

const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** Turns `-c key=value` context into construct props, so deploying needs no code change. */
export function wirefoldStackProps(stack: Stack): FeedAggregatorProps {
  const context = (key: string): string | undefined => {
    const value: unknown = stack.node.tryGetContext(key);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const domainName = context('domainName');
  const certificateArn = context('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('wirefold: set both -c domainName=... and -c certificateArn=... (us-east-1), or neither');
  }
  const logLevel = context('logLevel');
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel as LogLevel)) {
    throw new Error(`wirefold: -c logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${logLevel}`);
  }
  const alarmEmail = context('alarmEmail');
  // Only an explicit `-c removalPolicy=destroy` lets `cdk destroy` delete the table: data loss must be asked for.
  const removal = context('removalPolicy');
  if (removal !== undefined && removal !== 'destroy' && removal !== 'retain') {
    throw new Error(`wirefold: -c removalPolicy must be destroy or retain, got ${removal}`);
  }
  return {
    ...(domainName && certificateArn
      ? {
          customDomain: {
            domainName,
            certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn),
          },
        }
      : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(logLevel ? { logLevel: logLevel as LogLevel } : {}),
    ...(removal === 'destroy' ? { removalPolicy: RemovalPolicy.DESTROY } : {}),
  };
}
