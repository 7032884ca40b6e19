/**
 * A generated wire world for the ingest bench: feeds served from 127.0.0.1 with ETags (so an unchanged feed
 * answers 304), items with realistic sizes (80-character headlines, ~450-character summaries), text generated
 * from team-written word lists.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GeneratedItem {
  readonly guid: string;
  readonly title: string;
  readonly summary: string;
  readonly link: string;
  readonly published: string;
}

const PLACES = ['Port Selat', 'Kuala Baru', 'Danang Bay', 'Cebu North', 'Rayong', 'Batam', 'Penang Hill', 'Hai Phong'];
const SUBJECTS = ['regulator', 'ministry', 'port authority', 'chipmaker', 'telecom operator', 'court', 'central bank'];
const VERBS = ['approves', 'delays', 'rejects', 'expands', 'reviews', 'announces', 'suspends', 'funds'];
const OBJECTS = ['data centre plan', 'undersea cable', '5G tender', 'battery plant', 'payments licence', 'cyber law'];
const VOCABULARY = (
  'officials said decision followed months consultation industry groups further details published coming weeks ' +
  'analysts expect move shape investment across region opposition lawmakers asked review costs impact local ' +
  'suppliers engineers warned delays network operators shareholders welcomed plan critics questioned timeline ' +
  'budget tender contract capacity exports grid licence fibre terminal satellite factory workers union agreed ' +
  'talks resumed prices fell rose sharply quarter record demand shortage supply chain partners northern southern ' +
  'harbour customs freight vessel cargo berth crane tariff levy subsidy tender bidder consortium startup lender ' +
  'bondholders auditors inspectors regulators ministers governors mayors villagers farmers fishermen drivers pilots ' +
  'engineers students nurses doctors teachers miners dockers traders bankers brokers insurers developers planners ' +
  'monsoon flood drought heatwave landslide typhoon outage blackout shutdown strike walkout protest petition ruling ' +
  'verdict appeal hearing inquiry audit probe raid arrest charge fine penalty waiver exemption quota ceiling floor ' +
  'pipeline refinery smelter foundry wafer chip module sensor drone robot server cloud fibre spectrum tower relay ' +
  'bridge tunnel railway highway airport terminal warehouse depot campus hospital clinic school library museum ' +
  'rupiah ringgit baht dong peso yuan dollar euro bond equity stake merger buyout listing dividend coupon yield'
).split(' ');

/**
 * A summary body no other story shares: words drawn by a small LCG seeded with the story number, from a vocabulary
 * large enough that two stories rarely share a near-duplicate key (real ledes: 2 % of written keys shared among
 * 1,249 items, docs/dedupe.md), as a 70-word one made them do.
 */
function bodyOf(n: number, words: number): string {
  let state = (n * 2654435761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(VOCABULARY[state % VOCABULARY.length]!);
  }
  return `${out.join(' ')}.`;
}

const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;

/** Story n as its first outlet writes it; `report` appears in every text, `cable` in every other one. */
export function storyOf(n: number, outlet: string): GeneratedItem {
  const place = pick(PLACES, n);
  const subject = pick(SUBJECTS, n * 7 + 3);
  const object = n % 2 === 0 ? 'undersea cable' : pick(OBJECTS, n * 3 + 1);
  return {
    guid: `${outlet}-${n}`,
    // Two story-specific words: with numbers masked (as the near-duplicate headline key does), "story 12" and
    // "story 13" alone would give different stories one headline key, which real headlines almost never do.
    title: `${place} ${subject} ${pick(VERBS, n * 5)} ${object} after report on ${bodyOf(n + 104_729, 2).slice(0, -1)}, story ${n}`,
    // Real ledes are nearly all unique; a generated one must not make every story share its first words. The
    // templated sentence comes after the lede's first 25 words: inside them, one eighth of the stories shared a
    // near-duplicate key, a register far hotter than real ledes make (docs/dedupe.md).
    summary: `${place.toUpperCase()} — ${bodyOf(n, 30)} The ${subject} ${pick(VERBS, n * 5)} the ${object}, according to a report. ${bodyOf(n + 7919, 29)}`,
    link: `https://${outlet}.example/news/${place.toLowerCase().replace(/ /g, '-')}-${object.replace(/ /g, '-')}-${n}`,
    published: new Date(Date.UTC(2024, 2, 5, 0, n % 60, 0)).toISOString(),
  };
}

export async function startFeedServer() {
  const feeds = new Map<string, string>();
  const server = createServer((request, response) => {
    const body = feeds.get(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
    if (body === undefined) return void response.writeHead(404).end();
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    feeds,
    sourceOf: (name: string) => ({ feedId: name, url: `${base}/${name}`, title: `Outlet ${name}` }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
