import { z } from 'zod';
import type { DedupeItem } from './dedupe-item.ts';

/**
 * The labeled-pair format of `npm run dedupe -- pairs` and bench/dedupe.ts: one `{pair_id, a, b}` per line, items
 * shaped like the topic dev set (`title`, `summary`, `link`, `source` = feed URL, `published`). Other fields are
 * ignored; summary, link and published may be empty or missing, as in real feeds.
 */
const pairItemSchema = z.object({
  id: z.string().optional(),
  title: z.string(),
  summary: z.string().nullish(),
  link: z.string().nullish(),
  source: z.string().nullish(),
  published: z.string().nullish(),
});

const pairLineSchema = z.object({
  pair_id: z.union([z.string(), z.number()]).transform(String),
  a: pairItemSchema,
  b: pairItemSchema,
  label: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  kind: z.string().optional(),
});

export interface ItemPair {
  readonly pairId: string;
  /** Line number in the file (1-based), for messages. */
  readonly line: number;
  readonly stored: DedupeItem;
  readonly arriving: DedupeItem;
  readonly label?: boolean;
  readonly kind?: string;
}

export interface PairLineError {
  readonly line: number;
  readonly message: string;
}

export function parsePairFile(text: string): { pairs: ItemPair[]; errors: PairLineError[] } {
  const pairs: ItemPair[] = [];
  const errors: PairLineError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, message: `not JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = pairLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ line, message: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid pair'}` });
      return;
    }
    const { pair_id, a, b, label, kind } = parsed.data;
    pairs.push({
      pairId: pair_id,
      line,
      stored: dedupeItemOf(a),
      arriving: dedupeItemOf(b),
      ...(label !== undefined ? { label: label === 1 || label === true } : {}),
      ...(kind ? { kind } : {}),
    });
  });
  return { pairs, errors };
}

function dedupeItemOf(item: z.infer<typeof pairItemSchema>): DedupeItem {
  return {
    title: item.title,
    ...(item.summary ? { summary: item.summary } : {}),
    ...(item.link ? { url: item.link } : {}),
    ...(item.source ? { feedUrl: item.source } : {}),
    ...(item.published ? { publishedAt: item.published } : {}),
  };
}
