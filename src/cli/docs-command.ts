import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { acquirePglite, type Db } from '../db';
import { cliTarget, openTarget, projectConfig, schemaDir } from './target';
import { showProgress } from './progress';
import type { ScopeFlags } from './scope-options';
import { scopeOf } from './target';
import { compareDocs, renderDocs, renderSite } from '../generators';
import { introspect } from '../introspect';
import { loadSchemaDir } from '../load';
import type { Catalog } from '../model';
import { normalizeInto, withDeclaredText } from '../pipeline';
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
}

/** The catalog to document: a live database (`url`), else the declarations normalized through a scratch PGlite. */
async function catalogFor(opts: DocsOptions): Promise<Catalog> {
  let db: Db | null = null;
  try {
    if (opts.url || opts.env) {
      const scope = scopeOf(opts, cliTarget(opts));
      db = await openTarget(opts);
      return await introspect(db, { scope });
    }
    const declared = await loadSchemaDir(schemaDir(opts), { cacheDir: join(process.cwd(), '.schemakit', 'cache'), onProgress: showProgress });
    // A pooled empty instance (started from the cached pristine data dir) is the scratch itself.
    db = await acquirePglite({ extensions: declared.catalog.extensions.map((e) => e.name) });
    // Defaults and checks as the declarations wrote them; docs of a live database (above) keep the catalog's form.
    return withDeclaredText(await normalizeInto(declared, db, showProgress), declared.catalog);
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

/** `schemakit docs`: renders Markdown docs and Mermaid ERDs to `out`; with `check`, exit 1 when they are out of date. */
export async function runDocs(opts: DocsOptions = {}): Promise<Outcome> {
  const config = projectConfig(opts);
  const out = opts.out ? resolve(opts.out) : opts.html ? join(config.root, 'generated', 'site') : config.paths.docs;
  const catalog = await catalogFor(opts);
  const render = opts.html ? renderSite : renderDocs;
  const templatesDir = opts.templates ? resolve(opts.templates) : config.paths.templates ?? undefined;
  const rendered = render(catalog, { templatesDir, title: opts.title });
  const where = relative(process.cwd(), out) || '.';
  if (opts.check) {
    const drift = compareDocs(rendered, readTree(out));
    if (opts.json) {
      const upToDate = drift.missing.length + drift.stale.length + drift.extra.length === 0;
      return { stdout: JSON.stringify({ out: where, files: rendered.size, upToDate, missing: drift.missing, stale: drift.stale, extra: drift.extra }, null, 2), exitCode: upToDate ? 0 : 1 };
    }
    const lines = [
      ...drift.missing.map((p) => `missing: ${p}`),
      ...drift.stale.map((p) => `stale:   ${p}`),
      ...drift.extra.map((p) => `extra:   ${p}`),
    ];
    if (lines.length === 0) return { stdout: `Docs in ${relative(process.cwd(), out) || '.'} are up to date (${rendered.size} files).`, exitCode: 0 };
    return { stdout: `Docs in ${relative(process.cwd(), out) || '.'} are out of date; run \`schemakit docs\`:\n${lines.join('\n')}`, exitCode: 1 };
  }
  const { written, removed } = writeDocs(out, rendered);
  if (opts.json) return { stdout: JSON.stringify({ out: where, files: rendered.size, written, removed }, null, 2), exitCode: 0 };
  return { stdout: `Docs: ${rendered.size} files in ${relative(process.cwd(), out) || '.'} (${written} written, ${removed} removed).`, exitCode: 0 };
}
