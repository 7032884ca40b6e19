/**
 * A deterministic model of many news outlets: which stories exist, which feed carries which copy of which story in
 * which round, and how each feed misbehaves. The farm server renders it over HTTP; the stress bench and the
 * reliability tests read the same model to know, independently of our code, what must end up in the store.
 */

export type FeedKind = 'healthy' | 'slow' | 'error-500' | 'error-404' | 'malformed' | 'huge' | 'rate-limited';
export type FeedFormat = 'rss' | 'atom' | 'json';

export interface Story {
  readonly id: number;
  /** The publisher's URL; copies add tracking parameters to it. */
  readonly url: string;
  readonly title: string;
  readonly altTitle: string;
  readonly summary: string;
  readonly publishedAt: string;
  /** Topic slugs whose planted keyword the story carries (see FARM_TOPICS_YAML). */
  readonly topics: readonly string[];
  /** The round in which it is first published. */
  readonly round: number;
}

/** One item in one feed. `nearDuplicate` copies use the outlet's own URL: only text similarity can fold them. */
export interface StoryCopy {
  readonly storyId: number;
  readonly url: string;
  readonly guid: string;
  readonly title: string;
  readonly nearDuplicate: boolean;
  readonly round: number;
  /** Padding HTML that makes the feed realistically large; identical across rounds so versions stay stable. */
  readonly bodyBytes: number;
}

export interface FarmFeed {
  readonly index: number;
  readonly path: string;
  readonly title: string;
  readonly kind: FeedKind;
  readonly format: FeedFormat;
  readonly copies: readonly StoryCopy[];
  /** Rounds (1-based) in which new items appear; in the other rounds the feed answers 304 to its own ETag. */
  readonly changesInRound: readonly boolean[];
}

export interface FarmModel {
  readonly seed: number;
  readonly rounds: number;
  readonly feeds: readonly FarmFeed[];
  readonly stories: ReadonlyMap<number, Story>;
  readonly baseTime: string;
}

export interface FaultMix {
  readonly slow: number;
  readonly erroring: number;
  readonly malformed: number;
  readonly huge: number;
  readonly rateLimited: number;
}

export const STRESS_FAULTS: FaultMix = { slow: 0.05, erroring: 0.05, malformed: 0.02, huge: 0.01, rateLimited: 0.02 };
export const NO_FAULTS: FaultMix = { slow: 0, erroring: 0, malformed: 0, huge: 0, rateLimited: 0 };

/** Topics the farm plants keywords for; no other generated word contains these stems. */
export const FARM_TOPICS_YAML = `- slug: chips
  title: Chips
  description: Semiconductor stories
  query: semiconductor* OR chipmaker
- slug: sea-5g
  title: 5G in Southeast Asia
  description: Vendors and countries near each other
  query: (huawei OR zte) NEAR/8 (vietnam OR thailand)
`;
const TOPIC_PHRASES: Record<string, string> = {
  chips: 'a semiconductor plant and its chipmaker partners',
  'sea-5g': 'huawei expands its network work in vietnam',
};

/** mulberry32: tiny, fast, good enough for fixtures, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'ministry regulator board approves plan port rail cable grid bank loan trade export import tariff cloud data ' +
  'centre licence rules review deal talks summit minister investors market growth quarter startup platform ' +
  'payments ecommerce logistics battery nickel solar factory jobs province capital delta river harbour customs ' +
  'jakarta manila hanoi bangkok penang cebu surabaya danang yangon vientiane'
).split(' ');

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const words = (random: () => number, n: number) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ');
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function makeStory(id: number, round: number, random: () => number, baseMs: number): Story {
  const topics = Object.keys(TOPIC_PHRASES).filter(() => random() < 0.15);
  const planted = topics.map((slug) => TOPIC_PHRASES[slug]).join(' and ');
  const title = capitalized(`${words(random, 6)}${planted ? ` as ${planted}` : ''} (${id})`);
  const altTitle = capitalized(`${words(random, 4)}: ${title.toLowerCase()}`);
  const summary = `${capitalized(words(random, 30))} ${planted}. Story ${id}.`;
  // Stories of round r are published in the hours before round r starts (rounds are a day apart).
  const publishedAt = new Date(baseMs + (round - 1) * 86_400_000 - Math.floor(random() * 20 * 3_600_000));
  publishedAt.setUTCMilliseconds(0);
  const url = `https://wire${id % 7}.example/news/${id}`;
  return { id, url, title, altTitle, summary, publishedAt: publishedAt.toISOString(), topics, round };
}

function kindFor(random: () => number, faults: FaultMix): FeedKind {
  let roll = random();
  const table: [FeedKind, number][] = [
    ['slow', faults.slow],
    ['error-500', faults.erroring / 2],
    ['error-404', faults.erroring / 2],
    ['malformed', faults.malformed],
    ['huge', faults.huge],
    ['rate-limited', faults.rateLimited],
  ];
  for (const [kind, share] of table) {
    if (roll < share) return kind;
    roll -= share;
  }
  return 'healthy';
}

/** Builds the whole model from a seed: same seed, same farm, byte for byte. */
export function buildFarmModel(options: {
  seed: number;
  feeds: number;
  rounds: number;
  faults: FaultMix;
  baseTime: string;
  /** Items each feed lists in round 1, as [min, max]; later rounds add 1–3 to about half the feeds. */
  firstRoundItems?: readonly [number, number];
  /** Fixes the kind of some feeds (tests use it so a small farm still holds every kind); others are drawn. */
  kindOf?: (index: number) => FeedKind | undefined;
}): FarmModel {
  const [minItems, maxItems] = options.firstRoundItems ?? [6, 15];
  const random = seededRandom(options.seed);
  const baseMs = Date.parse(options.baseTime);
  const stories = new Map<number, Story>();
  const story = (round: number) => {
    const s = makeStory(stories.size, round, random, baseMs);
    stories.set(s.id, s);
    return s;
  };
  // Wire stories are carried by many outlets; each round adds fresh ones.
  const wirePool = Array.from({ length: options.rounds }, (_, r) =>
    Array.from({ length: Math.ceil(options.feeds / 4) }, () => story(r + 1)),
  );
  const feeds: FarmFeed[] = [];
  for (let index = 0; index < options.feeds; index++) {
    const drawn = kindFor(random, options.faults);
    const kind = options.kindOf?.(index) ?? drawn;
    const format: FeedFormat = random() < 0.7 ? 'rss' : random() < 0.6 ? 'atom' : 'json';
    // 5–200 KB: a skewed size so most feeds are small and a few are large, as on the web.
    const targetBytes = Math.round(5_000 + 195_000 * random() ** 2.5);
    const changesInRound = Array.from({ length: options.rounds }, (_, r) => r === 0 || random() < 0.5);
    const copies: StoryCopy[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      if (!changesInRound[round - 1]) continue;
      /** An outlet's own story: nobody else carries it. */
      const ownCopy = (guid: string): StoryCopy => {
        const own = story(round);
        return { storyId: own.id, url: own.url, guid, title: own.title, nearDuplicate: false, round, bodyBytes: 0 };
      };
      const count =
        round === 1 ? minItems + Math.floor(random() * (maxItems - minItems + 1)) : 1 + Math.floor(random() * 3);
      for (let n = 0; n < count; n++) {
        const k = copies.length;
        const guid = `outlet${index}-${k}`;
        if (random() < 0.45) {
          const wire = pick(random, wirePool[round - 1]!);
          // An outlet carries a wire story once; a second pick becomes one of its own stories instead.
          if (copies.some((c) => c.storyId === wire.id)) {
            copies.push(ownCopy(guid));
            continue;
          }
          const nearDuplicate = random() < 0.06;
          const url = nearDuplicate
            ? `https://outlet${index}.example/world/${wire.id}-copy`
            : `${wire.url}?utm_source=outlet${index}&utm_medium=rss${random() < 0.3 ? `&fbclid=x${k}` : ''}`;
          const title = random() < 0.3 ? wire.altTitle : wire.title;
          copies.push({ storyId: wire.id, url, guid, title, nearDuplicate, round, bodyBytes: 0 });
        } else {
          copies.push(ownCopy(guid));
        }
      }
    }
    const perItem = Math.max(200, Math.floor(targetBytes / Math.max(1, copies.length)) - 600);
    const sized = copies.map((c) => ({ ...c, bodyBytes: perItem }));
    feeds.push({
      index,
      path: `/feeds/${index}.${format === 'json' ? 'json' : 'xml'}`,
      title: `Outlet ${index}`,
      kind,
      format,
      copies: sized,
      changesInRound,
    });
  }
  return { seed: options.seed, rounds: options.rounds, feeds, stories, baseTime: options.baseTime };
}

/** Copies a feed lists in a round: everything published up to it (newest first, as feeds do). */
export const copiesInRound = (feed: FarmFeed, round: number) => feed.copies.filter((c) => c.round <= round).reverse();

/** The feed's version in a round: it only changes in rounds that add items, so ETags match in the others. */
export const versionInRound = (feed: FarmFeed, round: number) =>
  feed.changesInRound.slice(0, round).filter(Boolean).length;

/** Whether a feed answers a round with a usable document (rate-limited feeds recover after round 1). */
export const servesInRound = (feed: FarmFeed, round: number) =>
  feed.kind === 'healthy' || (feed.kind === 'rate-limited' && round > 1);
