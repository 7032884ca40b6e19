import { decodeWindows1252 } from './windows-1252.ts';

/**
 * Bytes → JS string, choosing the charset the way feed readers must: servers and documents both lie.
 *
 * Order of evidence: a byte-order mark is decisive; then the HTTP `Content-Type` charset; then the document's own
 * declaration (XML prolog `encoding=`, or an HTML `<meta charset>`); else UTF-8 (the XML and JSON default).
 * Two corrections for well-known lies, both relying on the fact that a multi-byte charset almost never decodes
 * text written in another charset cleanly, while a single-byte charset (windows-1252, ISO-8859-x) decodes anything:
 *  1. The first declared charset that decodes the bytes without error wins; so when the header says UTF-8 but the
 *     bytes are invalid UTF-8 and the prolog names windows-1252, we use windows-1252.
 *  2. A single-byte header charset (often a server default) loses to a multi-byte charset the document declares —
 *     or, with no declaration, to UTF-8 — when the bytes contain non-ASCII and decode cleanly in it. A header of
 *     windows-1252/ISO-8859-1 (Apache's stock default) also loses to any other charset the document declares.
 * If nothing decodes cleanly we decode the first declared charset with U+FFFD replacements (or windows-1252 when
 * nothing was declared and the bytes are not UTF-8-like) and say so in `note`.
 */
export interface DecodedText {
  readonly text: string;
  /** WHATWG encoding name actually used, e.g. `utf-8`, `windows-1252`, `gbk`. */
  readonly charset: string;
  readonly source: 'bom' | 'header' | 'document' | 'default' | 'fallback';
  /** Set when we overrode a declaration, met an unknown label, or had to replace undecodable bytes. */
  readonly note?: string;
}

/** Labels TextDecoder (WHATWG) does not know but feeds in the wild use. */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  'windows-31j': 'shift_jis',
  cp932: 'shift_jis',
  'ms-932': 'shift_jis',
  cp936: 'gbk',
  ms936: 'gbk',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  cp874: 'windows-874',
  'iso-8859-11': 'windows-874',
  utf: 'utf-8',
};

const MULTI_BYTE = new Set(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030', 'big5', 'euc-jp', 'iso-2022-jp']);
MULTI_BYTE.add('shift_jis').add('euc-kr');

/** The WHATWG encoding name for a label, or undefined when TextDecoder cannot decode it. */
export function resolveCharset(label: string): string | undefined {
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  try {
    const encoding = new TextDecoder(LABEL_ALIASES[cleaned] ?? cleaned).encoding;
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return undefined;
  }
}

function tryDecode(bytes: Uint8Array, charset: string): string | undefined {
  if (charset === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const lossy = (bytes: Uint8Array, charset: string) =>
  charset === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes);

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // `<?` in UTF-16 without a BOM.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return undefined;
}

/** The charset parameter of a Content-Type header value. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')?.[2];
}

/** The encoding the document declares about itself, read from its first KiB as ASCII. */
export function documentCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(head);
  if (prolog) return prolog[1];
  if (!/<!doctype\s+html|<html[\s>]/i.test(head)) return undefined;
  return /<meta[^>]*?charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

const hasNonAscii = (bytes: Uint8Array) => bytes.some((b) => b > 0x7f);

interface Candidate {
  readonly charset: string;
  readonly source: 'header' | 'document';
}

export function decodeText(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: lossy(bytes, bom), charset: bom, source: 'bom' };

  const notes: string[] = [];
  const declared: Candidate[] = [];
  const consider = (label: string | undefined, source: Candidate['source']) => {
    if (!label) return;
    const charset = resolveCharset(label);
    if (!charset) notes.push(`unknown charset "${label}" in ${source} ignored`);
    // UTF-16 declared in bytes we just saw are not UTF-16 (no BOM, no NULs): the declaration cannot be true.
    else if (charset.startsWith('utf-16')) notes.push(`${source} declares ${charset} but the bytes are 8-bit`);
    else if (!declared.some((c) => c.charset === charset)) declared.push({ charset, source });
  };
  consider(contentTypeCharset(contentType), 'header');
  consider(documentCharset(bytes), 'document');
  const withNote = (d: DecodedText): DecodedText => (notes.length ? { ...d, note: notes.join('; ') } : d);

  // Rule 2: a single-byte header charset proves nothing; a clean multi-byte decode is strong evidence, and
  // windows-1252 (what `iso-8859-1` means) is the stock server default, so a document declaring otherwise wins.
  const [first, second] = declared;
  if (first?.source === 'header' && !MULTI_BYTE.has(first.charset) && hasNonAscii(bytes)) {
    const rival = second ?? { charset: 'utf-8', source: 'default' as const };
    const credible = MULTI_BYTE.has(rival.charset) || (second !== undefined && first.charset === 'windows-1252');
    const text = credible ? tryDecode(bytes, rival.charset) : undefined;
    if (text !== undefined) {
      notes.push(`header says ${first.charset} but the bytes are valid ${rival.charset}; used ${rival.charset}`);
      return withNote({ text, charset: rival.charset, source: rival.source });
    }
  }

  // Rule 1: the first declaration that decodes cleanly, then the UTF-8 default.
  const candidates = [...declared, { charset: 'utf-8', source: 'default' as const }];
  for (const [index, candidate] of candidates.entries()) {
    const text = tryDecode(bytes, candidate.charset);
    if (text === undefined) continue;
    if (index > 0 && first) {
      notes.push(`${first.source} says ${first.charset} but the bytes do not decode as it; used ${candidate.charset}`);
    }
    return withNote({ text, charset: candidate.charset, source: candidate.source });
  }

  const utf8Like = /[\xc2-\xf4][\x80-\xbf]/.test(Buffer.from(bytes).toString('latin1'));
  const charset = first?.charset ?? (utf8Like ? 'utf-8' : 'windows-1252');
  notes.push(
    first
      ? `bytes are not valid ${first.charset} nor UTF-8; decoded as ${charset} with replacement characters`
      : `bytes are not valid UTF-8 and no charset is declared; decoded as ${charset}`,
  );
  return withNote({ text: lossy(bytes, charset), charset, source: 'fallback' });
}
