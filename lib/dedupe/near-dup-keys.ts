import { createHash } from 'node:crypto';
import { type DedupeItem, type PreparedItem, prepareItem } from './dedupe-item.ts';
import { MIN_SUMMARY_WORDS } from './fold-signals.ts';
import { rankedShingles } from './shingle-rank.ts';
import { uninformativeSummaryOf } from './summary-role.ts';
import { contentWordsOf, plainTextOf, wordsOf } from './text.ts';

/**
 * Lookup keys for near-duplicate candidates (`SIM#<band>#<bits>` in the table), ASYMMETRIC on purpose: a key item
 * costs a write unit (5× a read unit) when an article is created, while a probe costs half a read unit when an
 * item arrives. So a stored article writes at most two keys and an arriving item Queries a few more:
 *
 * - `t` (written and probed): the headline's content words with every number masked — syndicated copies under one
 *   headline, items whose summary is missing or says nothing, an outlet's update of its own article ("5 dead" →
 *   "7 dead"); the arriving item also probes the headline its URL slug spells (no key is written for that);
 * - `s` (one written, `ledeProbes` probed): the lede's 3-content-word shingles ranked by one fixed hash (a MinHash
 *   permutation), after a leading dateline. The stored article writes its lowest-ranked shingle of the first
 *   `writtenLedeWords` summary words (the part every copy of a lede carries, even one cut shorter); the arriving
 *   item probes its `ledeProbes` lowest of the first `probedLedeWords` words, so an opening clause or a changed
 *   word still meets the stored shingle. Function words are dropped first (boilerplate phrases make hot keys), and
 *   an uninformative summary (caption, repeated headline, quip) writes and probes none: the decision would not
 *   compare it anyway.
 *
 * The stored item is a candidate exactly when one of the arriving item's probes is one of its written keys
 * (`sharedLookupKeys`): the store Queries the probes and finds the written items, the CLI applies the same test.
 * Measured choices and their alternatives: docs/dedupe.md, `npm run bench:dedupe`.
 */
export interface NearDupKey {
  readonly band: 't' | 's';
  readonly bits: string;
}

export interface NearDupKeyOptions {
  /** Lede shingles a new article writes (each one more write unit). */
  readonly writtenLedeKeys: number;
  readonly writtenLedeWords: number;
  readonly probedLedeWords: number;
  readonly ledeProbes: number;
  readonly shingleWords: number;
  /** Ablations the bench measures: number masking, the slug probe, skipping a leading dateline. */
  readonly maskHeadlineNumbers: boolean;
  readonly slugProbe: boolean;
  readonly skipDateline: boolean;
  /** Seed of the shingle ranking: the bench varies it to show the figures do not hang on one lucky hash. */
  readonly seed: number;
}

export const defaultNearDupKeyOptions: NearDupKeyOptions = {
  writtenLedeKeys: 1,
  writtenLedeWords: 20,
  probedLedeWords: 25,
  ledeProbes: 4,
  shingleWords: 3,
  maskHeadlineNumbers: true,
  slugProbe: true,
  skipDateline: true,
  seed: 0,
};

/** Queries per lookup at most: the headline, the slug's headline, the lede probes and the written shingle. */
export const MAX_NEAR_DUP_PROBES = 3 + defaultNearDupKeyOptions.ledeProbes;

type Item = DedupeItem | PreparedItem;
const prepared = (item: Item): PreparedItem => ('titleWords' in item ? item : prepareItem(item));

/** The keys a new article writes: its masked headline and its lowest-ranked lede shingle (one or two items). */
export function writtenNearDupKeysOf(item: Item, options: Partial<NearDupKeyOptions> = {}): NearDupKey[] {
  const settings = { ...defaultNearDupKeyOptions, ...options };
  return keysOf(prepared(item), settings.writtenLedeWords, settings.writtenLedeKeys, settings);
}

/**
 * The keys an arriving item Queries: its masked headline, its `ledeProbes` lowest-ranked lede shingles, the shingle
 * it would write itself (so an identical copy always finds it, whichever of the two is stored first) and the
 * headline its slug spells.
 */
export function probedNearDupKeysOf(item: Item, options: Partial<NearDupKeyOptions> = {}): NearDupKey[] {
  const settings = { ...defaultNearDupKeyOptions, ...options };
  const preparedItem = prepared(item);
  const slug = slugProbe(preparedItem, settings);
  const keys = [
    ...keysOf(preparedItem, settings.probedLedeWords, settings.ledeProbes, settings),
    ...keysOf(preparedItem, settings.writtenLedeWords, settings.writtenLedeKeys, settings),
    ...(slug ? [slug] : []),
  ];
  const unique = new Map(keys.map((key) => [nearDupKeyString(key), key]));
  return [...unique.values()];
}

/** The candidate condition of ingest, in one place: the arriving item's probes that hit a key the stored one wrote. */
export function sharedLookupKeys(stored: Item, arriving: Item, options: Partial<NearDupKeyOptions> = {}): string[] {
  const written = new Set(writtenNearDupKeysOf(stored, options).map(nearDupKeyString));
  return probedNearDupKeysOf(arriving, options)
    .map(nearDupKeyString)
    .filter((key) => written.has(key));
}

export const nearDupKeyString = (key: NearDupKey) => `${key.band}#${key.bits}`;

function keysOf(item: PreparedItem, ledeWords: number, ledeKeys: number, options: NearDupKeyOptions): NearDupKey[] {
  const keys: NearDupKey[] = [];
  const headline = headlineKeyText(item.titleWords, options);
  if (headline) keys.push({ band: 't', bits: hash(headline) });
  if (!comparableLede(item)) return keys;
  const words = contentWordsOf(ledeWordsOf(item, options).slice(0, ledeWords));
  for (const shingle of rankedShingles(words, options.shingleWords, options.seed).slice(0, ledeKeys)) {
    keys.push({ band: 's', bits: hash(shingle) });
  }
  return keys;
}

/**
 * An outlet's slug is usually its first headline: an update re-posted under a new headline and no summary still
 * carries it, so the arriving item also probes the headline key its slug spells (no key is written for it).
 */
function slugProbe(item: PreparedItem, options: NearDupKeyOptions): NearDupKey | undefined {
  const slug = options.slugProbe ? item.urlIdentity?.slug : undefined;
  const words = slug ? wordsOf(slug.replace(/[-_]+/g, ' ')) : [];
  if (contentWordsOf(words).length < MIN_SLUG_CONTENT_WORDS) return undefined;
  const text = headlineKeyText(words, options);
  return text && text !== headlineKeyText(item.titleWords, options) ? { band: 't', bits: hash(text) } : undefined;
}

const MIN_SLUG_CONTENT_WORDS = 4;

/** The headline's content words with numbers masked: "5 children hurt" and "6 children hurt" share one key. */
function headlineKeyText(words: readonly string[], options: NearDupKeyOptions): string {
  const content = contentWordsOf(words);
  const kept = content.length > 0 ? content : words;
  return kept.map((word) => (options.maskHeadlineNumbers && /\p{N}/u.test(word) ? '#' : word)).join(' ');
}

/**
 * Wire copy opens with a dateline ("HANOI, Vietnam (AP) —", "BEIJING (Reuters) -") that one carrier keeps and
 * another drops; the key words start after it, so the first words of two copies line up.
 */
const DATELINE =
  /^\s*\p{Lu}[\p{L}.'’-]*(?:[ ,]+[\p{Lu}\p{N}][\p{L}\p{N}.'’-]*){0,5}\s*(?:\([^()]{1,40}\))?\s*[-–—]+\s/u;

const DATELINE_MAX_CHARS = 100;

function ledeWordsOf(item: PreparedItem, options: NearDupKeyOptions): readonly string[] {
  if (!options.skipDateline) return item.summaryWords;
  // Only the opening characters can hold a dateline; a hostile 1 MB summary never reaches the pattern.
  const dateline = DATELINE.exec(plainTextOf(item.item.summary).slice(0, DATELINE_MAX_CHARS))?.[0];
  return dateline ? item.summaryWords.slice(wordsOf(dateline).length) : item.summaryWords;
}

/** The decision compares summaries only when both have enough words and neither is set aside (rule 5). */
const comparableLede = (item: PreparedItem) =>
  item.summaryWords.length >= MIN_SUMMARY_WORDS && uninformativeSummaryOf(item) === undefined;

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);
