import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CADENCE_LADDER_MINUTES,
  cadenceFor,
  cadenceOf,
  dueSlotPartitions,
  nextSlotTime,
  planCadence,
  SLOT_MINUTES,
  slotNumberAt,
} from '../../../lib/schedule/poll-slots.ts';

const MINUTE = 60_000;

describe('poll slots', () => {
  it.each([
    [60, 5],
    [5 * 60, 5],
    [5 * 60 + 1, 10],
    [15 * 60, 15],
    [16 * 60, 20],
    [61 * 60, 90],
    [13 * 3600, 960],
    [17 * 3600, 1440],
    [25 * 3600, 1440],
  ])('rounds a planned interval of %i s up to the %i-minute cadence', (intervalS, minutes) => {
    expect(cadenceFor(intervalS)).toBe(minutes);
  });

  it('finds the first slot of a phase at or after a bound, then one cadence apart', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CADENCE_LADDER_MINUTES),
        fc.nat(),
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        (cadence, rawPhase, boundMs) => {
          const phase = rawPhase % (cadence / SLOT_MINUTES);
          const next = new Date(nextSlotTime(phase, cadence, new Date(boundMs)));
          expect(next.getTime()).toBeGreaterThanOrEqual(boundMs);
          expect(next.getTime() - boundMs).toBeLessThan(cadence * MINUTE);
          expect(slotNumberAt(next) % (cadence / SLOT_MINUTES)).toBe(phase);
          const after = new Date(nextSlotTime(phase, cadence, new Date(next.getTime() + 1)));
          expect(after.getTime() - next.getTime()).toBe(cadence * MINUTE);
        },
      ),
    );
  });

  it('takes up a cadence one interval on, plus at most a tenth of it, then keeps exact cadence', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom(...CADENCE_LADDER_MINUTES),
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        fc.integer({ min: 0, max: SLOT_MINUTES * MINUTE - 1 }),
        (feedId, cadence, slotMs, lateMs) => {
          const slot = slotMs - (slotMs % (SLOT_MINUTES * MINUTE));
          const entered = planCadence(feedId, cadence, new Date(slot + lateMs), cadence * 60);
          const firstGap = (Date.parse(entered.nextFetchAt) - slot) / MINUTE;
          expect(firstGap).toBeGreaterThanOrEqual(cadence);
          expect(firstGap).toBeLessThanOrEqual(cadence + Math.max(SLOT_MINUTES, cadence * 0.1));
          expect(slotNumberAt(new Date(entered.nextFetchAt)) % (cadence / SLOT_MINUTES)).toBe(entered.phase);
          // Polled in that slot (maybe late in it), the feed keeps its phase and comes back one cadence later.
          const polledAt = new Date(Date.parse(entered.nextFetchAt) + lateMs);
          const kept = planCadence(feedId, cadence, polledAt, cadence * 60, entered.phase);
          expect(kept.phase).toBe(entered.phase);
          expect(Date.parse(kept.nextFetchAt) - Date.parse(entered.nextFetchAt)).toBe(cadence * MINUTE);
        },
      ),
    );
  });

  it('brings a feed polled hours late (a scheduler outage) back at its next slot, not an interval after the poll', () => {
    const cadence = 1440;
    const entered = planCadence('late-feed', cadence, new Date('2026-11-25T00:00:00.000Z'), 13 * 3600);
    const polledLate = new Date(Date.parse(entered.nextFetchAt) + 20 * 3600_000);
    const next = planCadence('late-feed', cadence, polledLate, 13 * 3600, entered.phase);
    expect(Date.parse(next.nextFetchAt) - Date.parse(entered.nextFetchAt)).toBe(cadence * MINUTE);
  });

  it('counts a feed as on a cadence only with both its cadence and its phase', () => {
    expect(cadenceOf({ pollEveryMinutes: 15, pollPhase: 2 })).toEqual({ minutes: 15, phase: 2 });
    expect(cadenceOf({ pollEveryMinutes: 15, pollPhase: 0 })).toEqual({ minutes: 15, phase: 0 });
    expect(cadenceOf({ pollEveryMinutes: 15 })).toBeUndefined();
    expect(cadenceOf({})).toBeUndefined();
  });

  it('spreads feeds that take up a cadence in the same slot over a tenth of it', () => {
    const now = new Date('2026-11-25T00:00:00.000Z');
    const phases = new Set(
      Array.from({ length: 500 }, (_, i) => planCadence(`https://outlet-${i}.example/feed`, 1440, now, 86_400).phase),
    );
    expect(phases.size).toBe(29); // 288 slots a day: offsets 0–28
  });

  it('lists the partition of every slot in the range once, and every phase once after a long gap', () => {
    const one = dueSlotPartitions(1000, 1001);
    expect(one).toHaveLength(CADENCE_LADDER_MINUTES.length);
    expect(one.find((p) => p.cadenceMinutes === 15)).toEqual({
      cadenceMinutes: 15,
      phase: 1001 % 3,
      dueAt: new Date(1001 * SLOT_MINUTES * MINUTE).toISOString(),
    });
    expect(dueSlotPartitions(1001, 1001)).toEqual([]);
    const day = dueSlotPartitions(0, 10_000);
    const sumOfCycles = CADENCE_LADDER_MINUTES.reduce((sum, minutes) => sum + minutes / SLOT_MINUTES, 0);
    expect(day).toHaveLength(sumOfCycles);
    expect(new Set(day.map((p) => `${p.cadenceMinutes}#${p.phase}`)).size).toBe(sumOfCycles);
  });
});
