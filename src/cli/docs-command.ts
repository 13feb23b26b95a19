import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { acquirePglite, type Db } from '../db';
import { cliTarget, openTarget, projectConfig, schemaDir } from './target';
import { loadDeclarations } from './load-declarations';
import { showProgress } from './progress';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';
import { compareDocs, renderDocs, renderSite } from '../generators';
import { introspect } from '../introspect';
import type { Catalog } from '../model';
import { normalizeInto, readTableStats, referenceDataCounts, withDeclaredText, type TableStatFact } from '../pipeline';
import type { ReferenceDataSpec } from '../declare';
import { unifiedDiffs } from './text-diff';
import type { Outcome } from './commands';

/** Options of `schemakit docs`. */
export interface DocsOptions extends ScopeFlags {
  /** Declarations directory (default `schema/`); ignored with `url`. */
  readonly schema?: string;
  /** Document a live database instead of the declarations. */
  readonly url?: string;
  /** Output directory (default `generated/docs`). */
  readonly out?: string;
  /** Write nothing; exit 1 and name the files that differ when the output directory is not up to date. */
  readonly check?: boolean;
  /** A project's own Handlebars templates directory. */
  readonly templates?: string;
  readonly title?: string;
  /** A static HTML site (default output `generated/site`) instead of Markdown. */
  readonly html?: boolean;
  /** Document the live database of this env (`--env`). */
  readonly env?: string;
  /** The configuration file (`--config`). */
  readonly config?: string;
  /** Print one JSON document on stdout. */
  readonly json?: boolean;
  /** `--no-stats` (false): leave row estimates and sizes out of live-database docs (committed docs would churn). */
  readonly stats?: boolean;
}

/** What is documented: the catalog, and the facts the pages show besides it. */
interface DocsInput {
  readonly catalog: Catalog;
  /** Areas named on table declarations (declarations only). */
  readonly declaredAreas: readonly { readonly schema: string; readonly table: string; readonly area: string }[];
  readonly referenceSpecs: readonly ReferenceDataSpec[];
  /** Row estimates and sizes (a live database, unless --no-stats). */
  readonly stats: readonly TableStatFact[];
}

/** The catalog to document: a live database (`url`), else the declarations normalized through a scratch PGlite. */
async function docsInput(opts: DocsOptions): Promise<DocsInput> {
  let db: Db | null = null;
  try {
    if (opts.url || opts.env) {
      const scope = scopeOf(opts, cliTarget(opts));
      db = await openTarget(opts);
      const catalog = await introspect(db, { scope });
      return { catalog, declaredAreas: [], referenceSpecs: [], stats: opts.stats === false ? [] : await readTableStats(db) };
    }
    const declared = await loadDeclarations(schemaDir(opts));
    // A pooled empty instance (started from the cached pristine data dir) is the scratch itself.
    db = await acquirePglite({ extensions: declared.catalog.extensions.map((e) => e.name) });
    // Defaults and checks as the declarations wrote them; docs of a live database (above) keep the catalog's form.
    const catalog = withDeclaredText(await normalizeInto(declared, db, showProgress), declared.catalog);
    return { catalog, declaredAreas: declared.docsAreas ?? [], referenceSpecs: declared.referenceData ?? [], stats: [] };
  } finally {
    await db?.close().catch(() => undefined);
  }
}

/** Every file below `dir` as relative path (with `/`) → content. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/**
 * Writes rendered docs into `dir`: changed and new files are written, earlier generated files (those that
 * start with the marker) no longer rendered are removed, and directories left empty are removed.
 * Returns how many files were written and removed.
 */
export function writeDocs(dir: string, rendered: ReadonlyMap<string, string>): { written: number; removed: number } {
  const drift = compareDocs(rendered, readTree(dir));
  for (const path of [...drift.missing, ...drift.stale]) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, rendered.get(path)!);
  }
  for (const path of drift.extra) {
    rmSync(join(dir, path));
    for (let d = dirname(join(dir, path)); d.startsWith(resolve(dir) + sep) && readdirSync(d).length === 0; d = dirname(d)) rmdirSync(d);
  }
  return { written: drift.missing.length + drift.stale.length, removed: drift.extra.length };
}

/** At most this many stale files are shown as diffs by `docs --check`; the others are named. */
const MAX_DIFFS = 20;

/** `schemakit docs`: renders Markdown docs and Mermaid ERDs to `out`; with `check`, exit 1 when they are out of date. */
export async function runDocs(opts: DocsOptions = {}): Promise<Outcome> {
  const config = projectConfig(opts);
  const out = opts.out ? resolve(opts.out) : opts.html ? join(config.root, 'generated', 'site') : config.paths.docs;
  const input = await docsInput(opts);
  const render = opts.html ? renderSite : renderDocs;
  const templatesDir = opts.templates ? resolve(opts.templates) : (config.paths.templates ?? undefined);
  const referenceData = await referenceDataCounts(config.root, relative(config.root, config.paths.data) || '.', input.referenceSpecs);
  const rendered = render(input.catalog, {
    templatesDir,
    title: opts.title,
    stats: input.stats,
    referenceData,
    areas: { patterns: config.docs?.areas ?? [], tables: input.declaredAreas },
    limits: {
      ...(config.docs?.maxDiagramChars ? { maxChars: config.docs.maxDiagramChars } : {}),
      ...(config.docs?.maxDiagramTables ? { maxTables: config.docs.maxDiagramTables } : {}),
    },
  });
  const where = relative(process.cwd(), out) || '.';
  if (opts.check) {
    const existing = readTree(out);
    const drift = compareDocs(rendered, existing);
    if (opts.json) {
      const upToDate = drift.missing.length + drift.stale.length + drift.extra.length === 0;
      return {
        stdout: JSON.stringify({ out: where, files: rendered.size, upToDate, missing: drift.missing, stale: drift.stale, extra: drift.extra }, null, 2),
        exitCode: upToDate ? 0 : 1,
      };
    }
    const lines = [...drift.missing.map((p) => `missing: ${p}`), ...drift.stale.map((p) => `stale:   ${p}`), ...drift.extra.map((p) => `extra:   ${p}`)];
    if (lines.length === 0) return { stdout: `Docs in ${where} are up to date (${rendered.size} files).`, exitCode: 0 };
    const shown = drift.stale.slice(0, MAX_DIFFS);
    const diffs = unifiedDiffs(
      shown,
      (p) => existing.get(p),
      (p) => rendered.get(p),
    );
    const more = drift.stale.length > shown.length ? `\n\n… and ${drift.stale.length - shown.length} more stale file(s), named above.` : '';
    const changes = diffs ? `\n\nWhat \`schemakit docs\` would change (a/: the file as it is, b/: as the schema renders it):\n\n${diffs}${more}` : '';
    return { stdout: `Docs in ${where} are out of date; run \`schemakit docs\`:\n${lines.join('\n')}${changes}`, exitCode: 1 };
  }
  const { written, removed } = writeDocs(out, rendered);
  if (opts.json) return { stdout: JSON.stringify({ out: where, files: rendered.size, written, removed }, null, 2), exitCode: 0 };
  return { stdout: `Docs: ${rendered.size} files in ${where} (${written} written, ${removed} removed).`, exitCode: 0 };
}
