import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createResponseCache } from '../lib/serve/response-cache.ts';
import { type ServeDeps, serveRequest } from '../lib/serve.ts';
import { createDb } from '../lib/store/db.ts';
import { loadRuntime } from './runtime.ts';
import { serveDepsFor } from './serve-deps.ts';

export interface ApiHandlerDeps extends ServeDeps {
  readonly logger?: Pick<Logger, 'error'>;
}

const INTERNAL_ERROR = `${JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 })}\n`;

/** Function URL / HTTP API event → serveRequest → response; compressed bodies travel base64-encoded. */
export async function handleApi(
  event: APIGatewayProxyEventV2,
  deps: ApiHandlerDeps,
): Promise<APIGatewayProxyStructuredResultV2> {
  const request = {
    method: event.requestContext.http.method,
    path: event.rawPath,
    rawQuery: event.rawQueryString ?? '',
    headers: Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
    ),
  };
  try {
    const response = await serveRequest(request, deps);
    const binary = response.headers['content-encoding'] !== undefined;
    return {
      statusCode: response.status,
      headers: { ...response.headers },
      body: response.lambdaBody ?? '',
      isBase64Encoded: binary,
    };
  } catch (error) {
    // Store failures (throttling, outage) are ours, not the client's: 500, logged, never cached by clients.
    deps.logger?.error('api request failed', { path: request.path, error: error as Error });
    const headers = {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      'access-control-allow-origin': '*',
    };
    return { statusCode: 500, headers, body: INTERNAL_ERROR, isBase64Encoded: false };
  }
}

let cached: ApiHandlerDeps | undefined;
export const handler = async (event: APIGatewayProxyEventV2) => {
  if (!cached) {
    const { settings, topics, sources } = loadRuntime(process.env);
    const db = createDb(settings.tableName);
    const serve = serveDepsFor({ db, topics, feeds: sources, baseUrl: settings.publicBaseUrl });
    // Rendered feeds are reused for 15 s per instance: fresh enough for 300 s client caching, cheap for polls.
    cached = {
      ...serve,
      cache: createResponseCache({ ttlMs: 15_000 }),
      logger: new Logger({ serviceName: 'wirefold-api' }),
    };
  }
  return handleApi(event, cached);
};
