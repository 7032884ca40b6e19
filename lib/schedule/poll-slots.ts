import { fnv1a32 } from '../fnv1a.ts';
import type { FeedState } from '../model.ts';

/**
 * Poll slots: when a healthy feed is due follows from its cadence and its phase alone, so a poll that changes
 * nothing (a 304, or the same entries again) needs no write at all.
 *
 * Time is cut into 5-minute slots (slot n starts at n × 5 min since the epoch). A healthy feed polls on a cadence
 * from a fixed ladder (15 min, 30 min, 1 h …): with a cadence of k slots it is due in every slot n with
 * n mod k = its phase. The due index files it under `SLOT#<cadence>#<phase>`, a key that changes only when the
 * cadence does, and the scheduler reads the partitions of the slots that began since its last run.
 *
 * The phase is chosen when a feed takes up a cadence: the slot one planned interval after the poll, plus a
 * deterministic 0–10 % of the cadence from the feed's id (the spread the per-poll jitter used to give). So the first
 * poll on a cadence comes one interval later, as before, and every poll after it exactly one cadence apart.
 *
 * Feeds off the ladder — never polled yet, failing (back-off), told to retry after a time — keep a one-off due time
 * (`DUE#<shard>`, sorted by time) as before; their state is written on every poll anyway.
 */
export const SLOT_MINUTES = 5;
const SLOT_MS = SLOT_MINUTES * 60_000;

/** Cadences a healthy feed can have, in minutes: each a multiple of the slot, covering the 5 min–24 h clamp. */
export const CADENCE_LADDER_MINUTES = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 960, 1440] as const;

/** The ladder step that is at least the planned interval: rounding up keeps Retry-After, max-age and ttl floors. */
export function cadenceFor(intervalS: number): number {
  const minutes = intervalS / 60;
  return CADENCE_LADDER_MINUTES.find((step) => step >= minutes - 1e-9) ?? CADENCE_LADDER_MINUTES.at(-1)!;
}

export const slotNumberAt = (time: Date): number => Math.floor(time.getTime() / SLOT_MS);
export const slotStart = (slot: number): string => new Date(slot * SLOT_MS).toISOString();

const slotsPerCycle = (cadenceMinutes: number) => Math.max(1, Math.round(cadenceMinutes / SLOT_MINUTES));

/** `n` modulo `m`, never negative. */
const modulo = (n: number, m: number) => ((n % m) + m) % m;

/** A feed's cadence and phase when it is on one: next-state writes both together, or neither. */
export function cadenceOf(
  state: Pick<FeedState, 'pollEveryMinutes' | 'pollPhase'>,
): { readonly minutes: number; readonly phase: number } | undefined {
  const { pollEveryMinutes: minutes, pollPhase: phase } = state;
  return minutes !== undefined && phase !== undefined ? { minutes, phase } : undefined;
}

const SPREAD_FRACTION = 0.1;

/** The start of the first slot at or after `notBefore` whose number is `phase` modulo the cadence. */
export function nextSlotTime(phase: number, cadenceMinutes: number, notBefore: Date): string {
  const cycle = slotsPerCycle(cadenceMinutes);
  const first = Math.ceil(notBefore.getTime() / SLOT_MS);
  return slotStart(first + modulo(phase - first, cycle));
}

export interface CadencePlan {
  readonly phase: number;
  readonly nextFetchAt: string;
}

/**
 * When a feed polled at `now` is next due on its cadence. A feed already on this cadence keeps its phase, so its
 * due-index key does not move, and is next due at the next slot of that phase: one cadence after the slot it was
 * due in, however late in that slot (or, after a scheduler outage, how many slots later) the poll ran. A feed taking
 * the cadence up gets the slot one planned interval after the start of the slot it was polled in, plus its spread.
 */
export function planCadence(
  feedId: string,
  cadenceMinutes: number,
  now: Date,
  intervalS: number,
  keptPhase?: number,
): CadencePlan {
  const polledIn = slotNumberAt(now);
  if (keptPhase !== undefined) {
    const nextSlot = new Date((polledIn + 1) * SLOT_MS);
    return { phase: keptPhase, nextFetchAt: nextSlotTime(keptPhase, cadenceMinutes, nextSlot) };
  }
  const cycle = slotsPerCycle(cadenceMinutes);
  const spreadSlots = Math.max(1, Math.round(cycle * SPREAD_FRACTION));
  const slot = polledIn + Math.ceil((intervalS * 1000) / SLOT_MS) + (fnv1a32(feedId) % spreadSlots);
  return { phase: modulo(slot, cycle), nextFetchAt: slotStart(slot) };
}

export interface DueSlotPartition {
  readonly cadenceMinutes: number;
  readonly phase: number;
  /** Start of the latest slot in the range in which this partition's feeds were due. */
  readonly dueAt: string;
}

/**
 * The slot partitions due in the slots after `afterSlot` up to and including `untilSlot`. A long gap (the scheduler
 * did not run) lists each partition once, with its latest due slot: a feed missed several times is polled once.
 */
export function dueSlotPartitions(afterSlot: number, untilSlot: number): DueSlotPartition[] {
  const partitions: DueSlotPartition[] = [];
  for (const cadenceMinutes of CADENCE_LADDER_MINUTES) {
    const cycle = slotsPerCycle(cadenceMinutes);
    const first = Math.max(afterSlot + 1, untilSlot - cycle + 1);
    for (let slot = first; slot <= untilSlot; slot++) {
      partitions.push({ cadenceMinutes, phase: modulo(slot, cycle), dueAt: slotStart(slot) });
    }
  }
  return partitions;
}
