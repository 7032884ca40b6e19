import type { TopicDefinition } from '../model.ts';
import { mapResult, type Result } from '../result.ts';
import { compileHolds, type Holds } from './compile-holds.ts';
import { parseQuery } from './parse-query.ts';
import { adhocQueryLimits, type QueryError, type QueryLimits, type QueryNode, topicQueryLimits } from './query-ast.ts';

/** A parsed query, ready to run against any number of articles. */
export interface CompiledQuery {
  readonly text: string;
  readonly root: QueryNode;
  /** The query compiled to closures that decide whether it holds (compile-holds.ts). */
  readonly holds: Holds;
}

export interface CompiledTopic {
  readonly definition: TopicDefinition;
  readonly query: CompiledQuery;
  /** Lower-cased language tags from the definition; articles in other languages never match. */
  readonly languages: readonly string[] | undefined;
}

/** Parses once at startup (or config load); matching then never re-reads the query text. */
export function compileTopic(definition: TopicDefinition): Result<CompiledTopic, QueryError> {
  return mapResult(compileQuery(definition.query, topicQueryLimits), (query) => ({
    definition,
    query,
    languages: definition.languages?.map((language) => language.toLowerCase()),
  }));
}

/** For ad-hoc `?q=`: same language, tighter limits by default because anyone can send it. */
export function compileQuery(text: string, limits: QueryLimits = adhocQueryLimits): Result<CompiledQuery, QueryError> {
  return mapResult(parseQuery(text, limits), (root) => ({
    text,
    root,
    holds: compileHolds(root),
  }));
}
