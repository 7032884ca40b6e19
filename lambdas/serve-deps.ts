import type { FeedSource, TopicDefinition } from '../lib/model.ts';
import { err, ok } from '../lib/result.ts';
import type { AdHocQueryCompiler, ServeDeps } from '../lib/serve/http-types.ts';
import { createResponseCache } from '../lib/serve/response-cache.ts';
import type { Db } from '../lib/store/db.ts';
import { compileQuery } from '../lib/topics/compile-topic.ts';
import { matchQuery } from '../lib/topics/match-topic.ts';

/** `?q=` uses the topic language with the ad-hoc limits (anyone can send one): same grammar, same explanations. */
export const compileAdHocQuery: AdHocQueryCompiler = (text) => {
  const compiled = compileQuery(text);
  if (!compiled.ok) {
    const { message, position, line, column } = compiled.error;
    return err({ message, position, line, column });
  }
  return ok((article) => matchQuery(compiled.value, article)?.why);
};

/** The API's dependencies, wired the same way by the Lambda handler and the local server. */
export function serveDepsFor(input: {
  db: Db;
  topics: readonly TopicDefinition[];
  feeds?: readonly FeedSource[];
  baseUrl?: string;
}): ServeDeps {
  return { ...input, compileAdHocQuery };
}

/** Locally the rendered feeds are reused for a few seconds too, so `npm start` behaves like the deployed API. */
export function localServeDeps(input: Parameters<typeof serveDepsFor>[0]): ServeDeps {
  return { ...serveDepsFor(input), cache: createResponseCache({ ttlMs: 5_000 }) };
}
