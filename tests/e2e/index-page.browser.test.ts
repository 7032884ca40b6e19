import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TOPICS } from '../fixtures/render/seed-store.ts';
import { startSeededServer } from './serve-fixture.ts';

/**
 * Opens `/` in a real headless Chromium (Debian's, driven by playwright-core) with JavaScript disabled: the page
 * must show every topic with subscribe links, advertise the feeds for autodiscovery and fit a phone screen.
 */

const CHROMIUM = '/usr/bin/chromium';
const ready = existsSync(CHROMIUM);
if (!ready) console.warn(`browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

describe.skipIf(!ready)('index page in a browser', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let profileDir: string;

  beforeAll(async () => {
    server = await startSeededServer(30);
    // launch() always starts from a fresh temporary profile (playwright refuses --user-data-dir here); TMPDIR is
    // pointed at our own folder so nothing is left behind.
    profileDir = mkdtempSync(join(tmpdir(), 'wirefold-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      env: { ...process.env, TMPDIR: profileDir },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('shows topics, subscribe links, explanations and sources without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(await page.title()).toBe('wirefold topic feeds');

    const headings = await page.locator('section.topic h2').allTextContents();
    expect(headings).toEqual(FIXTURE_TOPICS.map((t) => t.title));

    for (const topic of FIXTURE_TOPICS) {
      const section = page.locator(`#topic-${topic.slug}`);
      for (const [label, ext] of [
        ['RSS', 'rss'],
        ['Atom', 'atom'],
        ['JSON Feed', 'json'],
      ] as const) {
        const href = await section.getByRole('link', { name: label, exact: true }).getAttribute('href');
        expect(href).toBe(`${server.url}/topics/${topic.slug}.${ext}`);
      }
    }
    // Every subscribe link answers with its feed.
    const feedHrefs = await page
      .locator('a.feed')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of feedHrefs) expect((await fetch(href)).status, href).toBe(200);

    const china = page.locator('#topic-china-sea-tech');
    expect(await china.locator('li.item').count()).toBe(5);
    // The first explanation is open; the others open on a tap (<details>, no script).
    expect(await china.locator('ul.why').first().isVisible()).toBe(true);
    await china.locator('details summary').nth(1).click();
    expect(await china.locator('ul.why').nth(1).isVisible()).toBe(true);
    expect(await page.locator('.also').first().textContent()).toContain('Also reported by');
    // Hostile fixture text is shown as text, never as markup.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#sources tbody tr').count()).toBe(3);
    expect(await page.locator('#sources').textContent()).toContain('HTTP 503 <Service Unavailable>');
    await context.close();
  }, 60_000);

  it('advertises every topic feed for autodiscovery', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const alternates = await page
      .locator('link[rel="alternate"]')
      .evaluateAll((links) => links.map((l) => `${l.getAttribute('type')} ${l.getAttribute('href')}`));
    const expected = FIXTURE_TOPICS.flatMap((t) => [
      `application/rss+xml ${server.url}/topics/${t.slug}.rss`,
      `application/atom+xml ${server.url}/topics/${t.slug}.atom`,
      `application/feed+json ${server.url}/topics/${t.slug}.json`,
    ]);
    expect(alternates).toEqual(expected);
    await page.close();
  }, 60_000);

  it('fits a phone screen and saves the screenshot', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await page.goto(`${server.url}/`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();

    const desktop = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await desktop.goto(`${server.url}/`);
    // The picture in docs/ changes only when asked for (UPDATE_DOCS_SCREENSHOT=1); a plain test run must not
    // leave the working tree dirty, so it writes into the git-ignored .bench-out/.
    const target = process.env.UPDATE_DOCS_SCREENSHOT === '1' ? 'docs' : '.bench-out';
    mkdirSync(resolve(process.cwd(), target), { recursive: true });
    const png = await desktop.screenshot({
      path: resolve(process.cwd(), target, 'screenshot-index.png'),
      fullPage: true,
    });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000); // a rendered page, not a blank one
    await desktop.close();
  }, 60_000);
});
