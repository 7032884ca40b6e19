import { assertNever } from './result.ts';
import { serveAllFeed } from './serve/all-feed.ts';
import { ALLOWED_METHODS, finalizeResponse, preflightResponse } from './serve/finalize-response.ts';
import type { ApiRequest, ApiResponse, ServeDeps } from './serve/http-types.ts';
import { parseRoute, type Route } from './serve/parse-route.ts';
import { type PreparedResponse, prepareResponse } from './serve/prepared-response.ts';
import { problem } from './serve/problem.ts';
import type { Representation } from './serve/representation.ts';
import { serveHealthz, serveIndexPage, serveSources, serveTopicsList, serveTopicsOpml } from './serve/site-pages.ts';
import { serveTopicFeed } from './serve/topic-feed.ts';

export type { ApiRequest, ApiResponse, ServeDeps } from './serve/http-types.ts';

/** Longer request targets are refused (414) before any parsing: no legitimate feed URL comes close. */
export const MAX_TARGET_CHARS = 2048;

/**
 * The public origin for self links: configured, else from the request. Behind CloudFront the Host header is the
 * Function URL's own name; the distribution's viewer-request function puts the viewer's host (overwriting any a
 * client sent) in X-Forwarded-Host. The cache key includes the origin, so a spoofed value only affects its sender.
 */
function baseUrlOf(request: ApiRequest, deps: ServeDeps): string {
  if (deps.baseUrl) return deps.baseUrl.replace(/\/+$/, '');
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  const safeHost = host && /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(host) ? host : 'localhost';
  const proto = request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${safeHost}`;
}

function load(route: Route, deps: ServeDeps, baseUrl: string): Promise<Representation> | Representation {
  switch (route.kind) {
    case 'index':
      return serveIndexPage(deps, baseUrl);
    case 'topics-json':
      return serveTopicsList(deps, baseUrl);
    case 'topics-opml':
      return serveTopicsOpml(deps, baseUrl);
    case 'topic-feed':
      return serveTopicFeed(deps, baseUrl, route.topic, route.format, route.paging);
    case 'all-feed':
      return serveAllFeed(deps, baseUrl, route.format, route.paging, route.query);
    case 'sources':
      return serveSources(deps);
    case 'healthz':
      return serveHealthz();
    default:
      return assertNever(route, 'route');
  }
}

/** Only the parameters that define a document go into the cache key, so cache busters cannot flood it. */
function cacheKeyOf(route: Route, path: string, baseUrl: string): string {
  const paging = route.kind === 'topic-feed' || route.kind === 'all-feed' ? route.paging : undefined;
  const query = route.kind === 'all-feed' ? route.query : undefined;
  return JSON.stringify([baseUrl, path, paging?.limit, paging?.cursor, query]);
}

/** route ► query store ► render ► validators/304/compression. Every outcome is an HTTP response, never a throw
 * for bad input; store failures do throw, so the shell answers 500 and the platform's retries and alarms see it. */
export async function serveRequest(request: ApiRequest, deps: ServeDeps): Promise<ApiResponse> {
  const method = request.method.toUpperCase();
  const respond = (representation: Representation) => finalizeResponse(request, prepareResponse(representation));
  if (method === 'OPTIONS') return preflightResponse(request);
  if (request.path.length + request.rawQuery.length + 1 > MAX_TARGET_CHARS) {
    return respond(problem('uri-too-long', `request targets are limited to ${MAX_TARGET_CHARS} characters`));
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return respond(
      problem('method-not-allowed', `${method.slice(0, 20)} is not supported; this API is read-only`, {
        headers: { allow: ALLOWED_METHODS },
      }),
    );
  }
  const route = parseRoute(request.path, request.rawQuery, deps.topics);
  if (!route.ok) return respond(route.error);
  const baseUrl = baseUrlOf(request, deps);
  const produce = async (): Promise<PreparedResponse> => prepareResponse(await load(route.value, deps, baseUrl));
  const prepared = deps.cache
    ? await deps.cache.get(cacheKeyOf(route.value, request.path, baseUrl), produce)
    : await produce();
  return finalizeResponse(request, prepared);
}
