import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_NEAR_DUP_PROBES,
  nearDupKeyString,
  probedNearDupKeysOf,
  sharedLookupKeys,
  writtenNearDupKeysOf,
} from '../../../lib/dedupe/near-dup-keys.ts';

const lede =
  'Port authorities in Selat said on Tuesday that a container crane toppled onto a loading bay during the night, ' +
  'injuring five dock workers and halting traffic at the busiest terminal for most of the morning shift.';
const item = { title: 'Crane collapse injures five at Port Selat', summary: lede };
const bands = (keys: readonly { band: string }[]) => keys.map((key) => key.band);

describe('near-duplicate keys: few written, more probed', () => {
  it('a new article writes its headline key and one lede shingle; an arriving item probes more', () => {
    expect(bands(writtenNearDupKeysOf(item))).toEqual(['t', 's']);
    expect(bands(probedNearDupKeysOf(item))).toEqual(['t', 's', 's', 's', 's']);
  });

  it.each([
    ['no summary', { title: 'Crane collapse injures five' }],
    ['a summary under 8 words', { title: 'Crane collapse injures five', summary: 'Five hurt at the port.' }],
    ['a photo caption', { title: 'Crane collapse injures five', summary: `${lede} (Jenny Evans/Getty Images)` }],
    ['the headline repeated', { title: 'Crane collapse injures five', summary: 'Crane collapse injures five' }],
  ])('an item with %s writes and probes only its headline key', (_case, input) => {
    expect(bands(writtenNearDupKeysOf(input))).toEqual(['t']);
    expect(bands(probedNearDupKeysOf(input))).toEqual(['t']);
  });

  it.each([
    ['a dateline one carrier adds', `HANOI, Vietnam (AP) — ${lede}`],
    ['a summary cut after 20 words', lede.split(' ').slice(0, 20).join(' ')],
    ['a longer excerpt', `${lede} Investigators from the ministry are on site.`],
  ])('a retitled copy with %s finds the original and is found by it', (_case, summary) => {
    const copy = { title: 'Dock workers hurt as crane topples', summary };
    expect(sharedLookupKeys(item, copy).length).toBeGreaterThan(0);
    expect(sharedLookupKeys(copy, item).length).toBeGreaterThan(0);
  });

  it('lede shingles are made of content words, so boilerplate function words never form a key', () => {
    const functionWords = { title: 'Notice', summary: 'It is what it is and that is that, as it was and will be.' };
    expect(bands(writtenNearDupKeysOf(functionWords))).toEqual(['t']);
  });

  it('keys a hostile summary (a 200,000-character dash run) in bounded time', () => {
    const started = performance.now();
    writtenNearDupKeysOf({ title: 'Dashes', summary: `A${'-'.repeat(200_000)} end of the line here now` });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  const anyItem = fc.record({
    title: fc.string({ maxLength: 80 }),
    summary: fc.option(fc.lorem({ maxCount: 40 }), { nil: undefined }),
    url: fc.option(fc.webUrl(), { nil: undefined }),
  });

  it('writes at most two keys and probes a bounded number, for any item', () => {
    fc.assert(
      fc.property(anyItem, (input) => {
        expect(writtenNearDupKeysOf(input).length).toBeLessThanOrEqual(2);
        expect(probedNearDupKeysOf(input).length).toBeLessThanOrEqual(MAX_NEAR_DUP_PROBES);
      }),
    );
  });

  it('two copies of one item always find each other, whichever is stored (a race between them settles)', () => {
    fc.assert(
      fc.property(anyItem, fc.webUrl(), (input, otherUrl) => {
        const copy = { ...input, url: otherUrl };
        const hasKey = writtenNearDupKeysOf(input).length > 0;
        expect(sharedLookupKeys(input, copy).length > 0).toBe(hasKey);
        expect(sharedLookupKeys(copy, input).length > 0).toBe(hasKey);
      }),
    );
  });

  it('is deterministic: the key one process writes is the key another probes', () => {
    expect(writtenNearDupKeysOf(item).map(nearDupKeyString)).toEqual(
      writtenNearDupKeysOf({ ...item }).map(nearDupKeyString),
    );
  });
});
