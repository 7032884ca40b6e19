import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../lib/normalize/parse-date.ts';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 1123 and the ways feeds bend it
    ['Mon, 06 Sep 2021 16:45:00 +0000', '2021-09-06T16:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 GMT', '2021-09-06T16:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 Z', '2021-09-06T16:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 EST', '2021-09-06T21:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 PDT', '2021-09-06T23:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 CET', '2021-09-06T15:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 CEST', '2021-09-06T14:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 JST', '2021-09-06T07:45:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 +0530', '2021-09-06T11:15:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 -0330', '2021-09-06T20:15:00.000Z'],
    ['Mon, 06 Sep 2021 16:45:00 0200', '2021-09-06T14:45:00.000Z'], // numeric offset without a sign
    ['Tue, 7 Sep 2021 1:02:03 GMT', '2021-09-07T01:02:03.000Z'], // single-digit day and hour
    ['Mon, 06 Sep 21 16:45:00 +0000', '2021-09-06T16:45:00.000Z'], // two-digit year
    ['Thu, 01 Jan 98 00:00:00 GMT', '1998-01-01T00:00:00.000Z'], // two-digit year from the last century
    ['06 Sep 2021 16:45 GMT', '2021-09-06T16:45:00.000Z'], // no weekday, no seconds
    ['Fri, 06 Sep 2021 16:45:00 +0000', '2021-09-06T16:45:00.000Z'], // wrong weekday is ignored
    ['Montag, 06 Sep 2021 16:45:00 +0000', '2021-09-06T16:45:00.000Z'], // foreign weekday
    ['Mon, 06 September 2021 16:45:00 +0000', '2021-09-06T16:45:00.000Z'], // full month name
    ['Mon, 06 Sep 2021', '2021-09-06T00:00:00.000Z'], // date only
    ['Mon Sep 06 2021 16:45:00 GMT+0000 (Coordinated Universal Time)', '2021-09-06T16:45:00.000Z'], // JS toString
    ['Sep 6, 2021 16:45:00 GMT', '2021-09-06T16:45:00.000Z'],
    ['Mon Sep  6 16:45:00 2021', '2021-09-06T16:45:00.000Z'], // asctime
    // ISO 8601 / W3C-DTF
    ['2021-09-06T16:45:00Z', '2021-09-06T16:45:00.000Z'],
    ['2021-09-06T16:45:00+02:00', '2021-09-06T14:45:00.000Z'],
    ['2021-09-06T16:45:00.123-05:00', '2021-09-06T21:45:00.123Z'],
    ['2021-09-06T16:45+0100', '2021-09-06T15:45:00.000Z'],
    ['2021-09-06 16:45:00', '2021-09-06T16:45:00.000Z'], // no zone: UTC, never the machine's zone
    ['2021-09-06', '2021-09-06T00:00:00.000Z'],
    ['20210906T164500Z', '2021-09-06T16:45:00.000Z'],
    ['2021-09', '2021-09-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['yesterday'],
    ['Mon, 32 Sep 2021 16:45:00 GMT'], // no such day
    ['2021-02-30T00:00:00Z'], // February 30 does not roll into March
    ['2021-13-01'],
    ['Mon, 06 Foo 2021 16:45:00 GMT'], // unknown month
    ['Mon, 06 Sep 2021 16:45:00 XYZ'], // unknown zone: refused, not guessed
  ])('refuses %j', (input) => {
    expect(parseFeedDate(input)).toBeUndefined();
  });
});
