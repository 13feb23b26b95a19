import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSite } from '../../src/generators';
import { chromiumPath, evaluateInChromium } from '../support/chromium';
import { largeCatalog } from './large-catalog';
import { writeTree } from './pull-round-trip';

/** What a page reports once Mermaid has drawn every diagram in it. */
interface Drawn {
  readonly diagrams: number;
  /** Diagrams only parsed (Mermaid's grammar: what shows as "Syntax error in text" on a page). */
  readonly parsed: number;
  readonly withSvg: number;
  readonly errors: readonly { readonly page: string; readonly text: string }[];
  /** Every text of every drawn diagram (entity names, attributes, labels), deduplicated. */
  readonly labels: readonly string[];
  readonly ms: number;
}

/**
 * Run in each tab: a check page's own summary (`window.__drawn`), or, on a page of the site (which draws on
 * load), waits until every `pre.mermaid` holds an SVG and summarizes them.
 */
const SUMMARY = `new Promise((resolve) => {
  const started = performance.now();
  const summary = (pres) => {
    const labels = new Set();
    const errors = [];
    let withSvg = 0;
    for (const pre of pres) {
      const svg = pre.querySelector('svg');
      if (svg) withSvg++;
      const text = svg ? svg.textContent : pre.textContent;
      if (!svg || /Syntax error|Parse error|error in text/i.test(text)) errors.push({ page: pre.dataset.page || location.pathname, text: text.slice(0, 300) });
      if (svg) for (const e of svg.querySelectorAll('.nodeLabel, .label, text')) { const t = e.textContent.trim(); if (t) labels.add(t); }
    }
    return { diagrams: pres.length, withSvg, errors, labels: [...labels], ms: Math.round(performance.now() - started) };
  };
  const poll = () => {
    if (window.__drawn) return window.__drawn.then(resolve);
    const pres = [...document.querySelectorAll('pre.mermaid')];
    if (pres.length && pres.every((p) => p.querySelector('svg'))) return resolve(summary(pres));
    setTimeout(poll, 100);
  };
  poll();
})`;

/**
 * A page holding the given `<pre class="mermaid">` blocks of the site (hidden), drawing each with the site's
 * Mermaid and settings one after the other through mermaid.render: the SVG comes back as text, so drawn
 * diagrams do not pile up in the page (each forced layout would lay out all of them again).
 */
const checkPage = (blocks: readonly string[]): string => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>check</title></head><body>
<div hidden>
${blocks.join('\n')}
</div>
<script src="assets/mermaid.min.js"></script>
<script>
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 5000000, maxEdges: 20000, er: { useMaxWidth: false } });
  window.__drawn = (async () => {
    const started = performance.now();
    const labels = new Set();
    const errors = [];
    const pres = [...document.querySelectorAll('pre.mermaid')];
    let withSvg = 0;
    let parsed = 0;
    for (const [i, pre] of pres.entries()) {
      try {
        if (pre.dataset.mode === 'parse') {
          await mermaid.parse(pre.textContent.trim());
          parsed++;
          continue;
        }
        const { svg } = await mermaid.render('check' + i, pre.textContent.trim());
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        if (doc.querySelector('svg')) withSvg++;
        const text = doc.documentElement.textContent;
        if (/Syntax error|Parse error|error in text/i.test(text)) errors.push({ page: pre.dataset.page, text: text.slice(0, 300) });
        for (const e of doc.querySelectorAll('.nodeLabel, .label, text')) { const t = e.textContent.trim(); if (t) labels.add(t); }
      } catch (e) {
        errors.push({ page: pre.dataset.page, text: String(e && e.message || e).slice(0, 300) });
      }
    }
    return { diagrams: pres.length, parsed, withSvg, errors, labels: [...labels], ms: Math.round(performance.now() - started) };
  })();
</script>
</body></html>
`;

/**
 * `docs --html` of a generated 600-table schema in one headless Chromium (Debian's `chromium`): every
 * diagram of every page (areas, map, table neighbourhoods) is drawn by the bundled Mermaid with the site's
 * settings, without error, and every table appears in at least one drawn diagram. The diagrams are gathered
 * from the pages into two check pages drawn side by side (two tabs, one browser), and the index page is
 * opened as a reader would.
 */
describe('generators/docs --html site of a large schema in headless Chromium', function () {
  this.timeout(900_000);
  let dir = '';
  const catalog = largeCatalog();
  before(function () {
    if (!existsSync(chromiumPath)) {
      console.log(`      skipped: ${chromiumPath} is missing (apt-get install -y chromium)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'schemakit-large-site-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('parses every diagram, draws every area diagram, the map and a sample of table diagrams without a Mermaid error; every table is drawn', async () => {
    const files = renderSite(catalog, { title: 'Large' });
    writeTree(dir, files);
    const blocks = [...files].flatMap(([path, html]) =>
      path.endsWith('.html') ? [...html.matchAll(/<pre class="mermaid">[\s\S]*?<\/pre>/g)].map((m) => ({ path, block: m[0] })) : [],
    );
    expect(blocks.length).to.be.greaterThan(620);
    // Drawn: the areas (together every table) and the map; of the table pages every 20th and the 5 longest.
    const tablePages = blocks.filter((b) => b.path.startsWith('tables/'));
    const longest = new Set([...tablePages].sort((a, b) => b.block.length - a.block.length).slice(0, 5));
    const drawn = (b: (typeof blocks)[number]) => !b.path.startsWith('tables/') || longest.has(b) || tablePages.indexOf(b) % 20 === 0;
    const tagged = blocks.map((b) =>
      b.block.replace('<pre class="mermaid"', `<pre class="mermaid" data-page="${b.path}" data-mode="${drawn(b) ? 'render' : 'parse'}"`),
    );
    const tabs = 2;
    for (let k = 0; k < tabs; k++) writeFileSync(join(dir, `check-${k}.html`), checkPage(tagged.filter((_, i) => i % tabs === k)));
    const urls = [...Array(tabs).keys()].map((k) => `file://${join(dir, `check-${k}.html`)}`);
    const started = Date.now();
    const results = await evaluateInChromium<Drawn>(urls, SUMMARY, 840_000);
    const wall = Date.now() - started;
    expect(results.reduce((n, r) => n + r.diagrams, 0)).to.equal(blocks.length);
    expect(results.flatMap((r) => r.errors)).to.deep.equal([]);
    const rendered = blocks.filter(drawn).length;
    expect(
      results.reduce((n, r) => n + r.withSvg, 0),
      'diagrams drawn as SVG',
    ).to.equal(rendered);
    expect(
      results.reduce((n, r) => n + r.parsed, 0),
      'diagrams parsed',
    ).to.equal(blocks.length - rendered);
    const labels = new Set(results.flatMap((r) => r.labels));
    const missing = catalog.tables.filter((t) => !labels.has(t.name) && !labels.has(`${t.schema}.${t.name}`)).map((t) => `${t.schema}.${t.name}`);
    expect(missing, 'tables drawn in no diagram').to.deep.equal([]);
    // The map names the areas with their sizes.
    expect(labels.has('ref (8 tables)')).to.equal(true);
    console.log(`      ${blocks.length} diagrams: ${rendered} drawn, ${blocks.length - rendered} parsed, in ${wall} ms (one browser, ${tabs} tabs)`);
  });
});
