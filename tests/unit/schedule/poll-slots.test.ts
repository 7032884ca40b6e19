import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CADENCE_LADDER_MINUTES,
  cadenceFor,
  dueSlotPartitions,
  nextDueAfterPoll,
  nextSlotTime,
  phaseOf,
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
    [25 * 3600, 1440],
  ])('rounds a planned interval of %i s up to the %i-minute cadence', (intervalS, minutes) => {
    expect(cadenceFor(intervalS)).toBe(minutes);
  });

  it('puts the next poll in the feed’s own slot: the first at or after the bound, then one cadence apart', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom(...CADENCE_LADDER_MINUTES),
        fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
        (feedId, cadence, boundMs) => {
          const next = new Date(nextSlotTime(feedId, cadence, new Date(boundMs)));
          expect(next.getTime()).toBeGreaterThanOrEqual(boundMs);
          expect(next.getTime() - boundMs).toBeLessThan(cadence * MINUTE);
          expect(slotNumberAt(next) % (cadence / SLOT_MINUTES)).toBe(phaseOf(feedId, cadence));
          const after = new Date(nextSlotTime(feedId, cadence, new Date(next.getTime() + 1)));
          expect(after.getTime() - next.getTime()).toBe(cadence * MINUTE);
        },
      ),
    );
  });

  it('brings a feed polled late in its slot back exactly one cadence after that slot, not a cycle later', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.constantFrom(...CADENCE_LADDER_MINUTES),
        fc.integer({ min: 0, max: SLOT_MINUTES * MINUTE - 1 }),
        (feedId, cadence, lateMs) => {
          const slot = new Date(nextSlotTime(feedId, cadence, new Date('2026-11-25T00:00:00.000Z')));
          const polledAt = new Date(slot.getTime() + lateMs);
          const next = nextDueAfterPoll(feedId, cadence, polledAt, cadence * 60);
          expect(Date.parse(next) - slot.getTime()).toBe(cadence * MINUTE);
        },
      ),
    );
  });

  it('spreads feeds of one cadence over its slots', () => {
    const phases = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const phase = phaseOf(`https://outlet-${i}.example/feed`, 60);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
    }
    expect(phases.size).toBe(12);
    for (const count of phases.values()) expect(count).toBeGreaterThan(150);
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
