/**
 * windows-1252 (also what the labels `iso-8859-1`, `latin1` and `ascii` mean on the web) decoded by hand.
 * Node 20.18.3+ decodes it as ISO-8859-1 and turns 0x80-0x9F (€, curly quotes, dashes) into invisible C1 controls
 * (nodejs/node#60888, #56542) — exactly the bytes Western feeds are full of. The WHATWG index for that range:
 */
const C1_RANGE = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/** Every byte maps to a character, so this never fails (hence windows-1252 as the last-resort charset). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(C1_RANGE[c.charCodeAt(0) - 0x80]!));
}
