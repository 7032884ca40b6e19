import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { TopicDefinition } from '../model.ts';
import { err, ok, type Result } from '../result.ts';
import type { ConfigError, ConfigProblem } from './config-error.ts';
import * as z from './zod.ts';

export const TOPIC_DEFAULTS = { maxItems: 200, retentionDays: 30 } as const;

const topicSchema = z.strictObject({
  slug: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'slug must be lower-case letters, digits and dashes')),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  description: z._default(z.string().check(z.maxLength(2000)), ''),
  query: z.string().check(z.minLength(1), z.maxLength(8000)),
  maxItems: z._default(z.int().check(z.gte(1), z.lte(1000)), TOPIC_DEFAULTS.maxItems),
  retentionDays: z._default(z.int().check(z.gte(1), z.lte(3650)), TOPIC_DEFAULTS.retentionDays),
  languages: z.optional(z.array(z.string().check(z.minLength(2), z.maxLength(12)))),
});

/**
 * Reads `config/topics.yaml` (a list of topics) and names every problem at once with its line, so an analyst
 * fixes the file in one pass. Query syntax is checked separately by lib/topics (it knows the grammar).
 */
export function parseTopicsYaml(text: string, fileName: string): Result<TopicDefinition[], ConfigError> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset));
  const problems: ConfigProblem[] = doc.errors.map((e) => {
    const pos = lineAt(e.pos[0]);
    return { line: pos?.line, column: pos?.col, message: e.message.split('\n')[0] ?? e.message };
  });
  if (problems.length > 0) return err({ kind: 'invalid-config', file: fileName, problems });
  if (!isSeq(doc.contents)) {
    return err({
      kind: 'invalid-config',
      file: fileName,
      problems: [{ line: 1, message: 'expected a list of topics' }],
    });
  }

  const topics: TopicDefinition[] = [];
  const slugs = new Map<string, number | undefined>();
  doc.contents.items.forEach((node, index) => {
    const nodeLine = lineAt(isMap(node) ? node.range?.[0] : undefined)?.line;
    // Duplicates are checked on the raw slug, so a second definition is reported even when it has other problems.
    const rawSlug = isMap(node) ? node.get('slug') : undefined;
    if (typeof rawSlug === 'string') {
      if (slugs.has(rawSlug)) {
        problems.push({
          line: nodeLine,
          message: `topic slug "${rawSlug}" is defined twice (first on line ${slugs.get(rawSlug)})`,
        });
      } else slugs.set(rawSlug, nodeLine);
    }
    const parsed = topicSchema.safeParse(isMap(node) ? node.toJSON() : undefined);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        const keyNode = isMap(node) && typeof key === 'string' ? node.get(key, true) : undefined;
        const line = lineAt((keyNode as { range?: [number] } | undefined)?.range?.[0])?.line ?? nodeLine;
        const field = issue.path.length > 0 ? issue.path.join('.') : 'topic';
        problems.push({ line, message: `topic #${index + 1}: ${field}: ${issue.message}` });
      }
      return;
    }
    const topic = parsed.data;
    topics.push({ ...topic, description: topic.description.trim(), query: topic.query.trim() });
  });
  if (problems.length > 0) return err({ kind: 'invalid-config', file: fileName, problems });
  return ok(topics);
}
