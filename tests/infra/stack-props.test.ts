import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { wirefoldStackProps } from '../../infra/stack-props.ts';

const propsFrom = (context: Record<string, string>) => wirefoldStackProps(new Stack(new App({ context }), 'S'));

describe('wirefoldStackProps (cdk -c context → construct props)', () => {
  it('uses every construct default when no context is given', () => {
    expect(propsFrom({})).toEqual({});
  });

  it('passes alarm email, log level and an explicit destroy removal policy through', () => {
    expect(propsFrom({ alarmEmail: 'oncall@example.org', logLevel: 'DEBUG', removalPolicy: 'destroy' })).toEqual({
      alarmEmail: 'oncall@example.org',
      logLevel: 'DEBUG',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(propsFrom({ removalPolicy: 'retain' }).removalPolicy).toBeUndefined();
  });

  it('builds the custom domain from domainName + certificateArn', () => {
    const props = propsFrom({
      domainName: 'feeds.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    expect(props.customDomain?.domainName).toBe('feeds.example.org');
    expect(props.customDomain?.certificate.certificateArn).toBe('arn:aws:acm:us-east-1:123456789012:certificate/abc');
  });

  it.each([
    [{ domainName: 'feeds.example.org' }, /both -c domainName=\.\.\. and -c certificateArn/],
    [{ certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' }, /both -c domainName/],
    [{ logLevel: 'LOUD' }, /logLevel must be one of DEBUG, INFO, WARN, ERROR, got LOUD/],
    [{ removalPolicy: 'snapshot' }, /removalPolicy must be destroy or retain, got snapshot/],
  ])('rejects %j', (context, message) => {
    expect(() => propsFrom(context)).toThrow(message);
  });
});
