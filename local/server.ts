import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ApiHandlerDeps, handleApi } from '../lambdas/api.ts';

/**
 * The API on node:http for `npm start`, tests and benchmarks: each request becomes the Lambda Function URL event
 * shape and goes through the same handleApi, so what runs locally is what runs in AWS.
 */

function toEvent(request: IncomingMessage): APIGatewayProxyEventV2 {
  const target = request.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : target.slice(queryAt + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const method = request.method ?? 'GET';
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `local-${now}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
  };
}

/**
 * Bodies come back as the Lambda strings; encoding a 200 KB feed to bytes on every poll would dominate the local
 * server's cost, so the bytes of the last few distinct bodies are kept (the response cache hands out the same string).
 */
function bodyBytesMemo(maxEntries = 32) {
  const memos = { utf8: new Map<string, Buffer>(), base64: new Map<string, Buffer>() };
  return (body: string, base64: boolean): Buffer => {
    const memo = base64 ? memos.base64 : memos.utf8;
    let bytes = memo.get(body);
    if (!bytes) {
      bytes = Buffer.from(body, base64 ? 'base64' : 'utf8');
      memo.set(body, bytes);
      if (memo.size > maxEntries) memo.delete(memo.keys().next().value!);
    }
    return bytes;
  };
}

export async function startServer(options: {
  host: string;
  port: number;
  deps: ApiHandlerDeps;
}): Promise<{ url: string; close(): Promise<void> }> {
  const bytesOf = bodyBytesMemo();
  const server = createServer((request, response) => {
    // The request body is never read (the API is read-only); draining it keeps keep-alive connections usable.
    request.resume();
    handleApi(toEvent(request), options.deps).then(
      (result) => {
        const body = result.body ? bytesOf(result.body, result.isBase64Encoded === true) : undefined;
        response.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
        response.end(body);
      },
      (error: unknown) => {
        // handleApi maps store failures itself; anything reaching here is a bug. Log it here, tell the client nothing.
        console.error('api: unhandled error', error);
        response.writeHead(500, {
          'content-type': 'application/problem+json; charset=utf-8',
          'cache-control': 'no-store',
        });
        response.end(`${JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 })}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
