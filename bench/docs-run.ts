/**
 * The docs benchmark (issue 18): `npm run bench -- --docs [--tables 1000] [--runs 3]`.
 * On the generated schema of TABLES tables (bench/gen-schema.js, loaded once into `schemakit_bench_<N>`):
 * 1. `schemakit docs --url` and `docs --url --html` as whole CLI processes (start-up, introspection, statistics,
 *    areas, pages, writing), alternated A B A B, medians;
 * 2. the stages in this process: introspection, the docs model (areas, diagrams), Markdown and HTML rendering;
 * 3. the shape of the result: areas, the longest diagram and the most tables in one (the limits: 40,000 and 40).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres } from '../src/db';
import { must } from '../src/util';
import { buildDocsModel, renderDocs, renderSite } from '../src/generators';
import { introspect } from '../src/introspect';
import { readTableStats } from '../src/pipeline';
import { databaseUrl, ensureBenchDatabase, generateSchemaSql, repoRoot } from './setup-db';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const median = (xs: readonly number[]): number => must([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], 'a timing');
const time = async <T>(fn: () => Promise<T> | T): Promise<[number, T]> => {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
};

/** Runs `schemakit docs --url URL --out DIR [--html]` as a process and returns its wall time in ms. */
function cli(url: string, html: boolean): number {
  const out = mkdtempSync(join(tmpdir(), 'schemakit-bench-docs-'));
  try {
    const t = performance.now();
    execFileSync(process.execPath, [join(repoRoot(), 'bin', 'schemakit.js'), 'docs', '--url', url, '--out', out, ...(html ? ['--html'] : [])], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return performance.now() - t;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const tables = arg('--tables', 1000);
  const runs = arg('--runs', 3);
  const serverUrl = (process.env.SCHEMAKIT_BENCH_URL ?? 'postgres://root@127.0.0.1:5432').replace(/\/+$/, '');
  const database = `schemakit_bench_${tables}`;
  const loaded = await ensureBenchDatabase(serverUrl, database, generateSchemaSql(tables), tables);
  if (loaded !== null) process.stderr.write(`[bench] loaded ${database} in ${Math.round(loaded)} ms\n`);
  const url = databaseUrl(serverUrl, database);
  const a: number[] = [];
  const b: number[] = [];
  cli(url, false); // warm-up: file cache, the compile cache of the CLI
  for (let i = 0; i < runs; i++) {
    a.push(cli(url, false));
    b.push(cli(url, true));
  }
  const db = await connectPostgres(url);
  const stages: Record<'introspect' | 'stats' | 'model' | 'markdown' | 'site', number[]> = { introspect: [], stats: [], model: [], markdown: [], site: [] };
  let shape = { areas: 0, pages: 0, longest: 0, most: 0, files: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      const [ti, catalog] = await time(() => introspect(db));
      const [ts, stats] = await time(() => readTableStats(db));
      const [tm, model] = await time(() => buildDocsModel(catalog, 'bench', { stats }));
      const [tr, files] = await time(() => renderDocs(catalog, { stats }));
      const [th] = await time(() => renderSite(catalog, { stats }));
      stages.introspect.push(ti);
      stages.stats.push(ts);
      stages.model.push(tm);
      stages.markdown.push(tr);
      stages.site.push(th);
      const diagrams = [...files.values()].flatMap((f) => [...f.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? ''));
      const entities = (d: string) => (/^ {2}area_\d+\[/m.test(d) ? 0 : (d.match(/^ {2}\S+\[".*"\]/gm) ?? []).length);
      shape = {
        areas: model.areas.length,
        pages: model.areaPages.length,
        longest: Math.max(...diagrams.map((d) => d.length)),
        most: Math.max(...diagrams.map(entities)),
        files: files.size,
      };
    }
  } finally {
    await db.close();
  }
  const ms = (xs: number[]) => `${Math.round(median(xs))} ms`;
  const target = 5000;
  const lines = [
    `docs of ${tables} tables (bench/gen-schema.js), ${runs} runs each, medians; A and B alternated`,
    '',
    '| measure | median | target |',
    '|---|---:|---|',
    `| A: \`schemakit docs --url\` (process: start-up, introspection, statistics, ${shape.files} pages written) | ${ms(a)} | < ${target} ms ${median(a) < target ? 'met' : 'NOT met'} |`,
    `| B: \`schemakit docs --url --html\` (process) | ${ms(b)} | < ${target} ms ${median(b) < target ? 'met' : 'NOT met'} |`,
    `| B / A | ${(median(b) / median(a)).toFixed(2)}× | |`,
    `| introspection (in process) | ${ms(stages.introspect)} | |`,
    `| statistics (one query) | ${ms(stages.stats)} | |`,
    `| docs model: areas, neighbourhoods, diagrams | ${ms(stages.model)} | |`,
    `| Markdown rendering (model included) | ${ms(stages.markdown)} | |`,
    `| HTML rendering (model included) | ${ms(stages.site)} | |`,
    `| areas (with a page of their own) | ${shape.areas} (${shape.pages}) | |`,
    `| longest diagram | ${shape.longest} characters | ≤ 40,000 ${shape.longest <= 40_000 ? 'met' : 'NOT met'} |`,
    `| most tables in one diagram (the map of areas aside) | ${shape.most} | ≤ 40 ${shape.most <= 40 ? 'met' : 'NOT met'} |`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench --docs failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
