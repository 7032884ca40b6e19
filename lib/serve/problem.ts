import { ERROR_CACHE_CONTROL, NO_STORE, type Representation } from './representation.ts';

/**
 * RFC 9457 problem details. `type` URIs name the problem class so clients can branch on it; `detail` tells a
 * human what to change. Extra members (e.g. the query error position) go beside the standard ones.
 */

export type ProblemKind =
  | 'not-found'
  | 'bad-parameter'
  | 'bad-query'
  | 'method-not-allowed'
  | 'uri-too-long'
  | 'not-implemented';

const PROBLEMS: Record<ProblemKind, { status: number; title: string }> = {
  'not-found': { status: 404, title: 'Not Found' },
  'bad-parameter': { status: 400, title: 'Bad Request' },
  'bad-query': { status: 400, title: 'Invalid query' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  'uri-too-long': { status: 414, title: 'URI Too Long' },
  'not-implemented': { status: 501, title: 'Not Implemented' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const PROBLEM_TYPE_BASE = 'https://wirefold.dev/problems/';

export interface ProblemOptions {
  readonly instance?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export function problem(kind: ProblemKind, detail: string, options: ProblemOptions = {}): Representation {
  const { status, title } = PROBLEMS[kind];
  const body = { type: `${PROBLEM_TYPE_BASE}${kind}`, title, status, detail, instance: options.instance };
  return {
    status,
    contentType: PROBLEM_CONTENT_TYPE,
    body: `${JSON.stringify({ ...body, ...options.extensions })}\n`,
    // A missing topic may appear with the next deploy; 405/414 never change, but brief caching is enough.
    cacheControl: status === 501 ? NO_STORE : ERROR_CACHE_CONTROL,
    headers: options.headers,
  };
}
