import { describe, expect, it } from 'vitest';
import { describeFirstVisit, type FileSizes, firstVisitFetches } from '../build/firstVisit.ts';

const INDEX_HTML = `<!doctype html><html><head>
<link rel="icon" href="/icons/icon-192.png" type="image/png" />
<link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/assets/hooks-def.js">
<link rel="stylesheet" crossorigin href="/assets/index-ghi.css">
<link rel="manifest" href="/manifest.webmanifest"></head><body></body></html>`;

// The shape vite-plugin-pwa's generateSW writes (minified).
const SW = `define(["./workbox-1234abcd"],function(s){s.precacheAndRoute([{url:"manifest.webmanifest",revision:"m1"},{url:"index.html",revision:"i1"},{url:"icons/icon-192.png",revision:"c1"},{url:"icons/apple-touch-icon.png",revision:"a1"},{url:"assets/index-abc.js",revision:null},{url:"assets/hooks-def.js",revision:null},{url:"assets/index-ghi.css",revision:null},{url:"assets/JudgeHome-xyz.js",revision:null}],{})});`;

describe('the first visit the build reports', () => {
  it('counts the page, the service worker and its precache once each, and what the worker fetches again twice', () => {
    const fetches = firstVisitFetches(INDEX_HTML, SW);
    expect(fetches.map((f) => f.file).sort()).toEqual(
      [
        'index.html',
        'icons/icon-192.png',
        'assets/index-abc.js',
        'assets/hooks-def.js',
        'assets/index-ghi.css',
        'manifest.webmanifest',
        'sw.js',
        'workbox-1234abcd.js',
        'icons/apple-touch-icon.png',
        'assets/JudgeHome-xyz.js',
      ].sort(),
    );
    // Revisioned files the page loaded are fetched again by the worker (cache: 'reload').
    expect(
      fetches
        .filter((f) => f.twice)
        .map((f) => f.file)
        .sort(),
    ).toEqual(['icons/icon-192.png', 'index.html', 'manifest.webmanifest'].sort());
  });

  it('adds up brotli, gzip and raw bytes', () => {
    const sizes = new Map<string, FileSizes>(
      firstVisitFetches(INDEX_HTML, SW).map(({ file }) => [file, { raw: 1000, br: 100, gz: 200 }]),
    );
    const text = describeFirstVisit(sizes, INDEX_HTML, SW);
    // 10 files, 3 of them twice: 13 fetches.
    expect(text).toContain('first visit transfers 1.3 KB brotli, 2.5 KB gzip, 12.7 KB uncompressed (10 files');
    // The page: index.html, icon, script, preload, stylesheet, manifest.
    expect(text).toContain('the page before its first screen: 0.6 KB brotli, 1.2 KB gzip, 5.9 KB uncompressed');
  });

  it('refuses to guess when the service worker is not what it expects', () => {
    expect(() => firstVisitFetches(INDEX_HTML, 'self.addEventListener("fetch", () => {})')).toThrow(/precache/);
  });
});
