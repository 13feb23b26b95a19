import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Handlebars from 'handlebars';
import type { Catalog } from '../../model';
import { SchemakitError } from '../../util';
import { buildDocsModel, type DocsModelOptions } from './docs-model';
import { fileSafe } from './markdown';
import { GENERATED_MARKER } from './render-docs';

/** Options of renderSite. */
export interface RenderSiteOptions extends DocsModelOptions {
  /** A project's own templates (index, schema, table, enum, view, routine, area, domain and composite `.html.hbs`, partials/, assets/); missing ones fall back to the defaults. */
  readonly templatesDir?: string;
  readonly title?: string;
}

const PAGES = [
  'index.html.hbs',
  'schema.html.hbs',
  'table.html.hbs',
  'enum.html.hbs',
  'view.html.hbs',
  'routine.html.hbs',
  'area.html.hbs',
  'domain.html.hbs',
  'composite.html.hbs',
] as const;

/** The HTML templates shipped with schemakit (`templates/html` at the package root), found from this file upwards. */
export function defaultSiteTemplatesDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'html');
    if (existsSync(join(candidate, PAGES[0]))) return candidate;
    if (dirname(dir) === dir) throw new SchemakitError('config', 'templates-missing', `docs: cannot find templates/html above ${__dirname}`);
  }
}

/** The page of a schema, relative to the site root. */
export const schemaPage = (schema: string): string => `schemas/${fileSafe(schema)}.html`;

/** The HTML page of a Markdown page path of the docs model (`tables/a.b.md` → `tables/a.b.html`). */
const htmlPage = (mdPath: string): string => mdPath.replace(/\.md$/, '.html');

/** Mermaid's bundle from the `mermaid` package (copied into the site: no CDN, works offline and from file://). */
function mermaidBundle(): string {
  const file = require.resolve('mermaid/dist/mermaid.min.js');
  return readFileSync(file, 'utf8');
}

/** Reads the first of `dirs` that has `name`. */
function readFrom(dirs: readonly string[], name: string): string {
  const found = dirs.map((d) => join(d, name)).find((f) => existsSync(f));
  if (!found) throw new SchemakitError('config', 'templates-missing', `docs: template ${name} not found in ${dirs.join(' or ')}`);
  return readFileSync(found, 'utf8');
}

/** File names in `sub` of any of `dirs`, sorted. */
function namesIn(dirs: readonly string[], sub: string): string[] {
  const names = new Set<string>();
  for (const d of dirs) if (existsSync(join(d, sub))) for (const f of readdirSync(join(d, sub))) names.add(f);
  return [...names].sort();
}

/** Compiles the HTML templates (Handlebars escapes HTML in `{{…}}`), with the helpers they use. */
function compileSite(dirs: readonly string[]): Record<(typeof PAGES)[number], Handlebars.TemplateDelegate> {
  // Handlebars is loaded only when the site is rendered.
  const hb = (require('handlebars') as typeof Handlebars).create();
  hb.registerHelper('page', (p: unknown) => htmlPage(String(p ?? '')));
  hb.registerHelper('schemaPage', (s: unknown) => schemaPage(String(s ?? '')));
  hb.registerHelper('areaHref', (a: { path: string | null; schema: string | null } | null, root: unknown) =>
    a ? `${typeof root === 'string' ? root : ''}${a.path ? htmlPage(a.path) : schemaPage(a.schema ?? '')}` : '',
  );
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hb.registerHelper('join', (items: unknown, sep: unknown) => (Array.isArray(items) ? items.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('yesNo', (b: unknown) => (b ? 'yes' : 'no'));
  hb.registerHelper('plural', (n: unknown, word: unknown) => `${n} ${word}${n === 1 ? '' : 's'}`);
  for (const f of namesIn(dirs, 'partials')) if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), readFrom(dirs, join('partials', f)));
  const compile = (name: string) => hb.compile(readFrom(dirs, name), { strict: false });
  return Object.fromEntries(PAGES.map((p) => [p, compile(p)])) as Record<(typeof PAGES)[number], Handlebars.TemplateDelegate>;
}

/**
 * Renders a static documentation site of a catalog from the same model as the Markdown docs: `index.html`,
 * a page per schema (`schemas/`), table (`tables/`), enum (`enums/`), view (`views/`), routine (`routines/`), domain and
 * composite type (`types/`) and area of a large schema (`areas/`), with the ER diagrams drawn in the
 * browser by the bundled Mermaid (`assets/mermaid.min.js`). Returns relative path → content, sorted;
 * deterministic. Pages start with the generated marker, so stale pages are found and removed like Markdown ones.
 */
export function renderSite(catalog: Catalog, options: RenderSiteOptions = {}): Map<string, string> {
  const defaults = defaultSiteTemplatesDir();
  const dirs = options.templatesDir ? [options.templatesDir, defaults] : [defaults];
  const t = compileSite(dirs);
  const model = buildDocsModel(catalog, options.title ?? 'Database documentation', options);
  const page = (html: string) =>
    `${GENERATED_MARKER}\n${html
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
  const files: [string, string][] = [['index.html', page(t['index.html.hbs'](model))]];
  const add = (mdPath: string, template: (typeof PAGES)[number], data: object) =>
    files.push([htmlPage(mdPath), page(t[template]({ ...data, title: model.title }))]);
  for (const s of model.schemas) {
    files.push([schemaPage(s.name), page(t['schema.html.hbs']({ ...s, title: model.title }))]);
    for (const table of s.tables) add(table.path, 'table.html.hbs', table);
    for (const e of s.enums) add(e.path, 'enum.html.hbs', e);
    for (const v of s.views) add(v.path, 'view.html.hbs', v);
    for (const r of s.routines) add(r.path, 'routine.html.hbs', r);
    for (const d of s.domains) add(d.path, 'domain.html.hbs', d);
    for (const c of s.composites) add(c.path, 'composite.html.hbs', c);
  }
  for (const a of model.areaPages) add(a.path!, 'area.html.hbs', a);
  for (const f of namesIn(dirs, 'assets')) files.push([`assets/${f}`, readFrom(dirs, join('assets', f))]);
  files.push(['assets/mermaid.min.js', mermaidBundle()]);
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}
