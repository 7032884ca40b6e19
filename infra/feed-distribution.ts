import { Duration, Validations } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** The only query parameters the API reads; everything else is dropped so it cannot fragment the cache. */
export const FORWARDED_QUERY_STRINGS = ['q', 'limit', 'cursor'] as const;

/** Header the viewer-request function sets so the API can build absolute self links without PUBLIC_BASE_URL. */
export const FORWARDED_HOST_HEADER = 'x-forwarded-host';

export interface CustomDomain {
  /** e.g. `feeds.example.org`; point a CNAME/alias record at the distribution after deploy. */
  readonly domainName: string;
  /** ACM certificate covering `domainName`. CloudFront only accepts certificates from us-east-1. */
  readonly certificate: acm.ICertificate;
}

export interface FeedDistributionProps {
  readonly apiFunction: lambda.IFunction;
  readonly customDomain?: CustomDomain;
  readonly priceClass: cloudfront.PriceClass;
}

/**
 * CloudFront in front of the API's Function URL. The URL itself requires IAM auth and only CloudFront can sign for
 * it (origin access control), so every request goes through the cache and its compression.
 */
export class FeedDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly functionUrl: lambda.FunctionUrl;
  /** `https://<custom domain or *.cloudfront.net>` */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: FeedDistributionProps) {
    super(scope, id);
    assertUsEast1(props.customDomain);

    this.functionUrl = new lambda.FunctionUrl(this, 'FunctionUrl', {
      function: props.apiFunction,
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
    });

    const cachePolicy = new cloudfront.CachePolicy(this, 'HonourOriginCacheControl', {
      comment: 'wirefold: TTL from the origin Cache-Control; only q/limit/cursor in the key',
      // minTtl 0 means a `Cache-Control: max-age=N` from the API is obeyed exactly; defaultTtl 0 means a response
      // without Cache-Control (an error, say) is not cached at all.
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList(...FORWARDED_QUERY_STRINGS),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      // Normalizes Accept-Encoding to gzip/br/identity so clients' header variants share one cache entry.
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // Host must not reach a Function URL origin (its signature covers the URL's own host), so the viewer's host
    // travels in a separate header that only this function can set — a client-supplied value is overwritten.
    const copyHost = new cloudfront.Function(this, 'CopyViewerHost', {
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'wirefold: pass the viewer Host to the API as x-forwarded-host',
      code: cloudfront.FunctionCode.fromInline(
        `function handler(event) { var r = event.request; r.headers['${FORWARDED_HOST_HEADER}'] = { value: r.headers.host.value }; return r; }`,
      ),
    });
    const originRequestPolicy = new cloudfront.OriginRequestPolicy(this, 'ForwardHost', {
      comment: 'wirefold: forward the viewer host copy; query strings come from the cache policy',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(FORWARDED_HOST_HEADER),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.none(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    const domain = props.customDomain;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'wirefold topic feeds',
      defaultBehavior: {
        origin: origins.FunctionUrlOrigin.withOriginAccessControl(this.functionUrl),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
        compress: true,
        cachePolicy,
        originRequestPolicy,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: copyHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass,
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: domain.certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.publicBaseUrl = `https://${domain ? domain.domainName : this.distribution.distributionDomainName}`;

    const acknowledge = Validations.of(this.distribution);
    acknowledge.acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason: 'Public topic feeds are meant to be readable from every country; there is nothing to geo-restrict.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason:
          'Read-only, cached GET API with no forms or auth: a WAF web ACL (>= 5 USD/month) would cost more than the ' +
          'whole stack; attach one through the distribution if abuse appears.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR3',
        reason:
          'Standard logs need an S3 bucket with ACLs enabled; every cache miss is already logged by the API function, ' +
          'and CloudFront request/error metrics are on the dashboard.',
      },
    );
    if (!domain) {
      acknowledge.acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose security ' +
          'policy CloudFront fixes at TLSv1; with customDomain the construct sets TLSv1.2_2021.',
      });
    }
  }
}

/** CloudFront rejects certificates outside us-east-1 only at deploy time; fail at synth instead when we can tell. */
function assertUsEast1(domain: CustomDomain | undefined): void {
  if (!domain) return;
  const arn = domain.certificate.certificateArn;
  const region = /^arn:[^:]+:acm:([^:]+):/.exec(arn)?.[1];
  if (region !== undefined && region !== 'us-east-1') {
    throw new Error(
      `FeedAggregator: the certificate for ${domain.domainName} is in ${region}; CloudFront needs one in us-east-1`,
    );
  }
}
