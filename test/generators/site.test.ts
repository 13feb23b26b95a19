import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runDocs } from '../../src/cli/docs-command';
import { renderSite } from '../../src/generators';
import { introspect } from '../../src/introspect';
import { engines } from '../support/engines';
import { PULL_SQL } from './pull-schema';
import { writeTree } from './pull-round-trip';
import { present } from '../support/present';

const execFileAsync = promisify(execFile);
const chromium = '/usr/bin/chromium';
const exampleSchema = join(__dirname, '..', '..', '..', 'schema');

/** Names Mermaid's grammar cannot take at all: quotes, `;`, `#`, braces, keywords of its own (`end`, `style`, `classDef`), a leading digit. */
const WEIRD_SQL = `
CREATE SCHEMA "we""ird; schema";
CREATE TABLE "we""ird; schema"."tab{le} #1" ("col {x}" int PRIMARY KEY, "%%comment" text, "a-b" numeric(10,2));
CREATE TABLE public."end" ("style" int PRIMARY KEY, "classDef" int REFERENCES "we""ird; schema"."tab{le} #1");
CREATE TABLE public."1st" (id int PRIMARY KEY, r int REFERENCES public."end");
`;

/** The DOM of a page after its scripts ran, from headless Chromium. */
async function renderedDom(file: string): Promise<string> {
  const args = ['--headless', '--disable-gpu', '--no-sandbox', '--virtual-time-budget=10000', '--dump-dom', `file://${file}`];
  const { stdout } = await execFileAsync(chromium, args, { maxBuffer: 64 << 20, timeout: 60_000 });
  return stdout;
}

/** The SVG diagrams Mermaid drew in a page. */
const svgsOf = (dom: string): string[] => dom.match(/<svg[\s\S]*?<\/svg>/g) ?? [];

/**
 * `docs --html`: the site of a database with names Mermaid cannot take (spaces, `$`, quotes, upper case,
 * several schemas), opened in headless Chromium (Debian's `chromium`): Mermaid, bundled from npm, must have
 * drawn each ER diagram as an SVG naming the entities, with no syntax error.
 */
describe('generators/docs --html site', function () {
  this.timeout(240_000);
  let dir: string;
  let files: Map<string, string>;
  // Rendered once here, not by a test, so that every test stands alone (`--grep` on any of them).
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schemakit-site-'));
    const db = await present(engines[0]).fresh({ extensions: ['citext'] });
    try {
      await db.exec(PULL_SQL + WEIRD_SQL);
      files = renderSite(await introspect(db), { title: 'Pull test' });
      writeTree(dir, files);
    } finally {
      await db.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders index, schema, table and enum pages with Mermaid bundled (no CDN)', () => {
    expect([...files.keys()]).to.include.members([
      'index.html',
      'schemas/Billing~20Dept.html',
      'tables/Billing~20Dept.Invoice~20Lines.html',
      'enums/crm.status.html',
      'assets/mermaid.min.js',
      'assets/style.css',
    ]);
    expect(files.get('assets/mermaid.min.js')?.length ?? 0).to.be.greaterThan(1_000_000);
    for (const [path, html] of files) if (path.endsWith('.html')) expect(html, path).not.to.match(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('draws the diagrams in headless Chromium', async function () {
    if (!existsSync(chromium)) {
      console.log(`      skipped: ${chromium} is missing (apt-get install -y chromium)`);
      this.skip();
    }
    const index = svgsOf(await renderedDom(join(dir, 'index.html')));
    expect(index, 'the overview diagram').to.have.length(1);
    expect(index[0]).to.include('aria-roledescription="er"');
    for (const name of [
      'crm.accounts',
      'Billing Dept.Invoice Lines',
      'audit.order',
      'public.empty_table',
      'ird; schema.tab{le} #1',
      'public.end',
      'public.1st',
    ]) {
      expect(index[0], name).to.include(name);
    }
    expect(index[0]).not.to.match(/Syntax error/i);

    const table = svgsOf(await renderedDom(join(dir, 'tables', 'Billing~20Dept.Invoice~20Lines.html')));
    expect(table, 'the table diagram').to.have.length(1);
    expect(table[0]).to.include('Invoice Lines');
    expect(table[0]).to.include('crm.accounts');
    expect(table[0]).not.to.match(/Syntax error/i);
  });

  it('runDocs --html writes generated/site and --check finds it current', async () => {
    const out = join(dir, 'example-site');
    expect((await runDocs({ schema: exampleSchema, out, html: true })).exitCode).to.equal(0);
    expect(existsSync(join(out, 'tables', 'reporting.users.html'))).to.equal(true);
    expect((await runDocs({ schema: exampleSchema, out, html: true, check: true })).exitCode).to.equal(0);
  });
});
