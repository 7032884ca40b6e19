import type { TopicDefinition } from './model.ts';
import { err, ok, type Result } from './result.ts';
import type { TopicMatcher } from './store/articles.ts';
import { compileTopic } from './topics/compile-topic.ts';
import { matchArticle } from './topics/match-topic.ts';

/** Compiles every configured topic once; returns every bad query at once, each naming its topic. */
export function compileTopicMatchers(topics: readonly TopicDefinition[]): Result<TopicMatcher[], string[]> {
  const matchers: TopicMatcher[] = [];
  const problems: string[] = [];
  for (const definition of topics) {
    const compiled = compileTopic(definition);
    if (!compiled.ok) {
      problems.push(`topic "${definition.slug}": ${compiled.error.message}`);
      continue;
    }
    matchers.push({
      slug: definition.slug,
      retentionDays: definition.retentionDays,
      match: (article) => matchArticle(compiled.value, article),
    });
  }
  return problems.length > 0 ? err(problems) : ok(matchers);
}
