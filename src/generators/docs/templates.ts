import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Handlebars from 'handlebars';
import { SchemakitError } from '../../util';
import { codeCell, escapeCell, escapeText, linkLabel } from './markdown';

/** The compiled page templates of the docs generator. */
export interface DocsTemplates {
  readonly readme: Handlebars.TemplateDelegate;
  readonly table: Handlebars.TemplateDelegate;
  readonly enum: Handlebars.TemplateDelegate;
  readonly view: Handlebars.TemplateDelegate;
  readonly routine: Handlebars.TemplateDelegate;
  readonly area: Handlebars.TemplateDelegate;
  readonly domain: Handlebars.TemplateDelegate;
  readonly composite: Handlebars.TemplateDelegate;
}

const PAGES = {
  readme: 'readme.md.hbs',
  table: 'table.md.hbs',
  enum: 'enum.md.hbs',
  view: 'view.md.hbs',
  routine: 'routine.md.hbs',
  area: 'area.md.hbs',
  domain: 'domain.md.hbs',
  composite: 'composite.md.hbs',
} as const;

/** The templates shipped with schemakit (`templates/docs` at the package root), found from this file upwards. */
export function defaultTemplatesDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'docs');
    if (existsSync(join(candidate, PAGES.readme))) return candidate;
    if (dirname(dir) === dir) throw new SchemakitError('config', 'templates-missing', `docs: cannot find templates/docs above ${__dirname}`);
  }
}

/** Reads `name` from the project's templates dir when it has it, else from the defaults. */
function readTemplate(dirs: readonly string[], name: string): string {
  const found = dirs.map((d) => join(d, name)).find((f) => existsSync(f));
  if (!found) throw new SchemakitError('config', 'templates-missing', `docs: template ${name} not found in ${dirs.join(' or ')}`);
  return readFileSync(found, 'utf8');
}

/** Partial names (`partials/<name>.hbs`) from every dir, project ones overriding the defaults. */
function partialNames(dirs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const d of dirs) {
    const p = join(d, 'partials');
    if (existsSync(p)) for (const f of readdirSync(p)) if (f.endsWith('.hbs')) names.add(basename(f, '.hbs'));
  }
  return [...names].sort();
}

/** Registers the Markdown helpers templates use: escaping is explicit because templates run with `noEscape`. */
function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('cell', (text: unknown) => escapeCell(text == null ? null : String(text)));
  hb.registerHelper('text', (text: unknown) => escapeText(text == null ? null : String(text)));
  hb.registerHelper('code', (text: unknown) => codeCell(text == null ? null : String(text)));
  hb.registerHelper('codeList', (items: unknown) => (Array.isArray(items) ? items.map((x) => codeCell(String(x))).join(', ') : ''));
  hb.registerHelper('link', (l: { label: string; path: string } | null, prefix: unknown) =>
    l ? `[${linkLabel(l.label)}](${typeof prefix === 'string' ? prefix : ''}${l.path})` : '',
  );
  hb.registerHelper('areaLink', (a: { name: string; path: string | null; schemaIndex: number | null } | null, prefix: unknown) =>
    a ? `[${linkLabel(a.name)}](${typeof prefix === 'string' ? prefix : ''}${a.path ?? `README.md#schema-${a.schemaIndex}`})` : '',
  );
  hb.registerHelper('join', (items: unknown, sep: unknown) => (Array.isArray(items) ? items.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('label', (text: unknown) => linkLabel(String(text ?? '')));
  hb.registerHelper('add1', (n: unknown) => Number(n) + 1);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('yesNo', (b: unknown) => (b ? 'yes' : 'no'));
  hb.registerHelper('plural', (n: unknown, word: unknown) => `${n} ${word}${n === 1 ? '' : 's'}`);
  hb.registerHelper('fence', (text: unknown) => '`'.repeat(Math.max(3, ...(String(text ?? '').match(/`+/g) ?? []).map((r) => r.length + 1))));
  hb.registerHelper('any', (...args: unknown[]) => args.slice(0, -1).some((a) => (Array.isArray(a) ? a.length > 0 : Boolean(a))));
}

/** Compiles the docs templates: `templatesDir` (a project's own) first, the shipped defaults for anything it lacks. */
export function loadDocsTemplates(templatesDir?: string): DocsTemplates {
  const defaults = defaultTemplatesDir();
  const dirs = templatesDir ? [templatesDir, defaults] : [defaults];
  // Handlebars is loaded only when docs are rendered.
  const hb = (require('handlebars') as typeof Handlebars).create();
  registerHelpers(hb);
  for (const name of partialNames(dirs)) hb.registerPartial(name, readTemplate(dirs, join('partials', `${name}.hbs`)));
  const compile = (file: string) => hb.compile(readTemplate(dirs, file), { noEscape: true, strict: false });
  return Object.fromEntries(Object.entries(PAGES).map(([k, file]) => [k, compile(file)])) as unknown as DocsTemplates;
}
