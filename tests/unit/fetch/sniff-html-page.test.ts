import { describe, expect, it } from 'vitest';
import { sniffHtmlPage } from '../../../lib/fetch/sniff-html-page.ts';

const BASE = 'https://news.example/section/';

describe('sniffHtmlPage', () => {
  it.each([
    ['<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', undefined],
    ['<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', undefined],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', undefined],
    ['<rss><channel><description>&lt;html&gt;</description></channel></rss>', undefined],
    ['<!DOCTYPE html><html><body>no feed here</body></html>', []],
    ['\uFEFF  <!-- cms banner --> <HTML lang="en"><head></head></HTML>', []],
    [
      '<!doctype html><html><head>' +
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml">' +
        "<link rel='alternate stylesheet' type='text/css' href='/x.css'>" +
        '<link type="application/atom+xml" rel="alternate" href="atom.xml">' +
        '<link rel="alternate" type="application/feed+json" href="https://cdn.example/feed.json">' +
        '</head></html>',
      ['https://news.example/rss.xml', 'https://news.example/section/atom.xml', 'https://cdn.example/feed.json'],
    ],
  ])('%s → %o', (text, expected) => {
    expect(sniffHtmlPage(text, BASE)?.discoveredFeedUrls).toEqual(expected);
  });
});
