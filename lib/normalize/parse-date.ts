import { zoneOffsetMinutes } from './time-zones.ts';

/**
 * Dates as feeds write them → ISO 8601 UTC (`Date#toISOString`), or undefined when the text names no instant.
 * Accepts RFC 822/1123/2822 with every deviation seen in the wild (missing or wrong or foreign weekday, two-digit
 * years, single-digit fields, missing seconds, zone abbreviations, numeric offsets without a sign), ISO 8601 /
 * W3C-DTF (space instead of `T`, missing zone, `Z`, `+hh`, `+hhmm`, fractions), and asctime. A date without a zone
 * is read as UTC: the machine's zone must never change what a feed means.
 */
export function parseFeedDate(raw: string | undefined): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  return parseIso(text) ?? parseRfc822(text) ?? parseAsctime(text);
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[Tt ]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string): string | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '0', zone] = m;
  const millis = Math.round(Number(`0.${fraction}`) * 1000);
  return instant(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
    zoneOffsetMinutes(zone ?? 'Z'),
  );
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // a few non-English abbreviations that show up in European feeds
  mär: 3,
  mrz: 3,
  mai: 5,
  okt: 10,
  dez: 12,
  janv: 1,
  févr: 2,
  fevr: 2,
  avr: 4,
  juil: 7,
  août: 8,
  aout: 8,
  déc: 12,
};

// [weekday,] day month year [time] [zone] — the weekday is ignored (feeds get it wrong or write it in German).
const RFC822 =
  /^(?:[^\d\s,]+\.?,?\s*)?(\d{1,2})[\s-]+([^\d\s.,-]+)\.?[\s-]+(\d{2,4})(?:[\sT,]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?\s*(.*)$/;
// Some feeds put the month first: "Sep 6, 2021 16:45:00 GMT" or "Mon Sep 06 2021 16:45:00 GMT+0000 (UTC)".
const MONTH_FIRST =
  /^(?:[^\d\s,]+,?\s+)?([^\d\s.,]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\sT,]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?\s*(.*)$/;

function parseRfc822(text: string): string | undefined {
  const dayFirst = RFC822.exec(text);
  const monthFirst = dayFirst ? undefined : MONTH_FIRST.exec(text);
  const m = dayFirst ?? monthFirst;
  if (!m) return undefined;
  const [day, monthName, yearText] = dayFirst ? [m[1]!, m[2]!, m[3]!] : [m[2]!, m[1]!, m[3]!];
  const month = monthNumber(monthName);
  if (month === undefined) return undefined;
  const offset = zoneOffsetMinutes(m[7]!.replace(/\(.*\)$/, '').trim() || 'Z');
  return instant(
    fullYear(yearText),
    month,
    Number(day),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    0,
    offset,
  );
}

// asctime: "Mon Sep  6 16:45:00 2021"
const ASCTIME = /^[A-Za-z]+\s+([A-Za-z]+)\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:(\S+)\s+)?(\d{4})$/;

function parseAsctime(text: string): string | undefined {
  const m = ASCTIME.exec(text);
  const month = m ? monthNumber(m[1]!) : undefined;
  if (!m || month === undefined) return undefined;
  return instant(
    Number(m[7]),
    month,
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    0,
    zoneOffsetMinutes(m[6] ?? 'Z'),
  );
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return MONTHS[lower.slice(0, 3)] ?? MONTHS[lower.slice(0, 4)] ?? MONTHS[lower];
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx; three digits add 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function instant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number | undefined,
): string | undefined {
  if (offsetMinutes === undefined || year < 1000 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  // Reject day overflow (Feb 30) instead of rolling into the next month.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}
