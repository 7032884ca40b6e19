import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRequest } from '../../../lib/serve.ts';
import { startDynalite } from '../../support/dynalite.ts';

describe('self links name the viewer-facing origin', () => {
  let dynalite: Awaited<ReturnType<typeof startDynalite>>;
  beforeAll(async () => {
    dynalite = await startDynalite();
  });
  afterAll(() => dynalite.close());
  const topics = [{ slug: 't1', title: 'T', description: '', query: 'a', maxItems: 10, retentionDays: 30 }];

  it.each([
    [
      {
        host: 'abc.lambda-url.eu-west-1.on.aws',
        'x-forwarded-host': 'd1.cloudfront.net',
        'x-forwarded-proto': 'https',
      },
      'https://d1.cloudfront.net',
    ],
    [{ host: '127.0.0.1:8787' }, 'http://127.0.0.1:8787'],
    [{ host: 'evil.example/"><script>' }, 'http://localhost'],
  ])('headers %j give %s', async (headers, origin) => {
    const response = await serveRequest(
      { method: 'GET', path: '/topics', rawQuery: '', headers },
      { db: dynalite.db, topics },
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(Buffer.from(response.body ?? new Uint8Array()).toString('utf8')) as {
      topics: { feeds: { atom: string } }[];
    };
    expect(body.topics[0]?.feeds.atom).toBe(`${origin}/topics/t1.atom`);
  });
});
