/**
 * Start-up benchmark: `npm run bench -- --startup [--runs 5] [--url postgres://root@127.0.0.1:5432]`.
 * Whole processes, as a user runs them: each target command and its reference are run alternately
 * (A B A B …, after one warm-up of each) so that both see the same machine load, and the medians are
 * compared as a ratio. Peak RSS comes from /usr/bin/time when it exists. Prints a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { databaseUrl, ensureBenchDatabase, generateSchemaSql, repoRoot, runPsql } from './setup-db';
import { median } from './measure';
import { must } from '../src/util';

/** One process to run: argv and working directory; `before` runs untimed ahead of every timed run. */
interface Command {
  readonly argv: readonly string[];
  readonly cwd?: string;
  readonly before?: () => void;
}

/** One row of the table: a target command, its reference and the limit of their ratio. */
interface Target {
  readonly name: string;
  readonly command: Command;
  readonly reference: Command;
  readonly referenceName: string;
  /** The issue's limit of median(command) / median(reference), where it sets one. */
  readonly maxRatio?: number;
  /** An absolute limit of the command's median wall time, in seconds, where the issue sets one. */
  readonly maxSeconds?: number;
  readonly maxRssMb?: number;
}

interface Run {
  readonly seconds: number;
  readonly rssMb: number | null;
  /** User + system CPU seconds (from /usr/bin/time), null without it. */
  readonly cpu: number | null;
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command once and returns its wall time (and peak RSS); throws when it fails (exit 0 or 2 are fine). */
function runOnce(c: Command): Run {
  c.before?.();
  const [file, ...args] = c.argv;
  if (file === undefined) throw new Error('a command needs a program');
  const started = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '@@rss %M @@cpu %U %S', file, ...args], { cwd: c.cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(file, args, { cwd: c.cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  const rss = /@@rss (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 2) throw new Error(`${c.argv.join(' ')} exited with ${r.status}: ${(r.stderr ?? '').slice(0, 1500)}`);
  const cpu = /@@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { seconds, rssMb: rss ? Number(rss[1]) / 1024 : null, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : null };
}

const cpuText = (x: number | null): string => (x === null ? '–' : `${x.toFixed(2)} s`);

/** A B A B …: one untimed warm-up of each, then `runs` timed pairs. */
function measure(t: Target, runs: number): { a: number; b: number; aCpu: number | null; bCpu: number | null; rssMb: number | null } {
  runOnce(t.command);
  runOnce(t.reference);
  const a: Run[] = [];
  const b: Run[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(runOnce(t.command));
    b.push(runOnce(t.reference));
  }
  const rss = a.map((r) => r.rssMb).filter((x): x is number => x !== null);
  const cpu = (rs: Run[]) => (rs.every((r) => r.cpu !== null) ? median(rs.map((r) => r.cpu!)) : null);
  return { a: median(a.map((r) => r.seconds)), b: median(b.map((r) => r.seconds)), aCpu: cpu(a), bCpu: cpu(b), rssMb: rss.length ? Math.max(...rss) : null };
}

/** Runs the start-up targets of the issue and prints their table; returns the process exit code. */
export async function runStartupBench(serverUrl: string, runs: number, quick = false): Promise<number> {
  const root = repoRoot();
  const cli = path.join(root, 'bin', 'schemakit.js');
  const node = process.execPath;
  const schemakit = (...args: string[]): string[] => [node, cli, ...args];
  const work = mkdtempSync(path.join(tmpdir(), 'schemakit-startup-'));
  try {
    // A 10-table database (bench/gen-schema.js), its declarations written by `pull`, and the example schema
    // applied to the local server (the reference of the embedded plan is pg_dump of the same schema).
    const small = databaseUrl(serverUrl, 'schemakit_bench_startup_10');
    await ensureBenchDatabase(serverUrl, 'schemakit_bench_startup_10', generateSchemaSql(10), 10);
    const pulled = path.join(work, 'pulled');
    runOnce({ argv: schemakit('pull', '--url', small, '--out', path.join(pulled, 'schema')), cwd: work });
    const example = path.join(work, 'example');
    cpSync(path.join(root, 'schema'), path.join(example, 'schema'), { recursive: true });
    // Its reference data too: `npx schemakit plan` in the repository validates and plans data/genomics/*.csv.
    if (existsSync(path.join(root, 'data'))) cpSync(path.join(root, 'data'), path.join(example, 'data'), { recursive: true });
    const exampleDb = databaseUrl(serverUrl, 'schemakit_bench_startup_example');
    await runPsql(
      databaseUrl(serverUrl, 'postgres'),
      'DROP DATABASE IF EXISTS schemakit_bench_startup_example WITH (FORCE);\nCREATE DATABASE schemakit_bench_startup_example;\n',
    );
    runOnce({ argv: schemakit('apply', '--yes', '--url', exampleDb), cwd: example });
    runOnce({ argv: schemakit('plan'), cwd: example }); // creates .schemakit/ (the embedded database) and the caches

    const requirePg: Command = { argv: [node, '-e', "require('pg')"], cwd: root };
    const pgDump = (url: string): Command => ({ argv: ['pg_dump', '--schema-only', '-f', '/dev/null', '-d', url] });
    const schemaFile = path.join(
      example,
      'schema',
      must(
        readdirSync(path.join(example, 'schema'))
          .filter((f) => f.endsWith('.ts'))
          .sort()[0],
        'a schema file of the example',
      ),
    );
    const original = readFileSync(schemaFile, 'utf8');
    let edits = 0;
    const targets: Target[] = [...quickTargets(), ...(quick ? [] : await scaleTargets(serverUrl, work, schemakit))];
    function quickTargets(): Target[] {
      return [
        { name: '`schemakit --help`', command: { argv: schemakit('--help') }, reference: requirePg, referenceName: 'node -e "require(\'pg\')"', maxRatio: 1.5 },
        {
          name: '`schemakit plan --help`',
          command: { argv: schemakit('plan', '--help') },
          reference: requirePg,
          referenceName: 'node -e "require(\'pg\')"',
          maxRatio: 1.5,
        },
        {
          name: '`diff` URL→URL, 10 tables',
          command: { argv: schemakit('diff', '--from', small, '--to', small) },
          reference: pgDump(small),
          referenceName: 'pg_dump -s (10 tables)',
          maxRatio: 2,
        },
        {
          name: '`plan --url`, 10 tables, warm caches',
          command: { argv: schemakit('plan', '--url', small, '--no-preflight'), cwd: pulled },
          reference: pgDump(small),
          referenceName: 'pg_dump -s (10 tables)',
          maxRatio: 2,
        },
        {
          name: 'embedded `plan` of the example schema, unchanged',
          command: { argv: schemakit('plan'), cwd: example },
          reference: pgDump(exampleDb),
          referenceName: 'pg_dump -s (example schema)',
          maxRatio: 10,
          maxSeconds: 2,
          maxRssMb: 400,
        },
        {
          name: 'embedded `plan`, one file edited (a comment)',
          command: { argv: schemakit('plan'), cwd: example, before: () => writeFileSync(schemaFile, `${original}\n// edit ${++edits}\n`) },
          reference: pgDump(exampleDb),
          referenceName: 'pg_dump -s (example schema)',
          maxSeconds: 4,
        },
        {
          name: 'embedded `plan`, first run (no .schemakit/)',
          command: { argv: schemakit('plan'), cwd: example, before: () => rmSync(path.join(example, '.schemakit'), { recursive: true, force: true }) },
          reference: pgDump(exampleDb),
          referenceName: 'pg_dump -s (example schema)',
          maxSeconds: 10,
        },
      ];
    }
    const rows: string[] = [
      `Start-up benchmark: whole processes, medians of ${runs} alternating runs (A B A B) after a warm-up; node ${process.version}, ${new Date().toISOString()}`,
      '',
      '| target | median wall | CPU | reference | median wall | CPU | ratio (wall) | limit | peak RSS | met |',
      '|---|---:|---:|---|---:|---:|---:|---:|---:|:-:|',
    ];
    let allMet = true;
    for (const t of targets) {
      process.stderr.write(`[bench] ${t.name}\n`);
      const m = measure(t, runs);
      const ratio = m.a / m.b;
      const met =
        (t.maxRatio === undefined || ratio <= t.maxRatio) &&
        (t.maxSeconds === undefined || m.a < t.maxSeconds) &&
        (t.maxRssMb === undefined || m.rssMb === null || m.rssMb < t.maxRssMb);
      allMet &&= met;
      const limit = [
        t.maxRatio !== undefined ? `≤ ${t.maxRatio}×` : '',
        t.maxSeconds !== undefined ? `< ${t.maxSeconds} s` : '',
        t.maxRssMb !== undefined ? `< ${t.maxRssMb} MB` : '',
      ]
        .filter(Boolean)
        .join(', ');
      rows.push(
        `| ${t.name} | ${m.a.toFixed(2)} s | ${cpuText(m.aCpu)} | ${t.referenceName} | ${m.b.toFixed(2)} s | ${cpuText(m.bCpu)} | ${ratio.toFixed(2)}× | ${limit} | ${m.rssMb === null ? '–' : `${Math.round(m.rssMb)} MB`} | ${met ? 'yes' : 'no'} |`,
      );
    }
    writeFileSync(schemaFile, original);
    process.stdout.write(rows.join('\n') + '\n');
    return allMet ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The targets at scale (skipped with `--quick`): DB→DB diff of 1,000 and 5,000 generated tables against
 * pg_dump -s of one of them, and `plan --url` of a declared 1,000-table schema (written by `pull`) against
 * the database it was pulled from: cold (no .schemakit/cache), unchanged since the last run, one file edited.
 */
async function scaleTargets(serverUrl: string, work: string, schemakit: (...args: string[]) => string[]): Promise<Target[]> {
  const pgDump = (url: string): Command => ({ argv: ['pg_dump', '--schema-only', '-f', '/dev/null', '-d', url] });
  const out: Target[] = [];
  for (const n of [1000, 5000]) {
    const name = `schemakit_bench_${n}`;
    process.stderr.write(`[bench] preparing ${name}\n`);
    await ensureBenchDatabase(serverUrl, name, generateSchemaSql(n), n);
    const url = databaseUrl(serverUrl, name);
    out.push({
      name: `\`diff\` URL→URL, ${n.toLocaleString('en')} tables`,
      command: { argv: schemakit('diff', '--from', url, '--to', url) },
      reference: pgDump(url),
      referenceName: `pg_dump -s (${n.toLocaleString('en')} tables)`,
      maxRatio: 0.8,
      ...(n === 5000 ? { maxRssMb: 500 } : {}),
    });
  }
  const url = databaseUrl(serverUrl, 'schemakit_bench_1000');
  const project = path.join(work, 'declared-1000');
  runOnce({ argv: schemakit('pull', '--url', url, '--out', path.join(project, 'schema')), cwd: work });
  const plan = schemakit('plan', '--url', url);
  const files = readdirSync(path.join(project, 'schema'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const edited = path.join(project, 'schema', files[Math.floor(files.length / 2)] ?? 'missing.ts');
  const text = readFileSync(edited, 'utf8');
  let edits = 0;
  runOnce({ argv: plan, cwd: project }); // the caches of the unchanged case
  out.push(
    {
      name: '`plan --url`, declared 1,000 tables, cold (no .schemakit/cache)',
      command: { argv: plan, cwd: project, before: () => rmSync(path.join(project, '.schemakit'), { recursive: true, force: true }) },
      reference: pgDump(url),
      referenceName: 'pg_dump -s (1,000 tables)',
      maxRatio: 5,
      maxRssMb: 400,
    },
    {
      name: '`plan --url`, declared 1,000 tables, unchanged since the last run',
      command: { argv: plan, cwd: project },
      reference: pgDump(url),
      referenceName: 'pg_dump -s (1,000 tables)',
      maxRatio: 1.5,
      maxRssMb: 400,
    },
    {
      name: '`plan --url`, declared 1,000 tables, one file edited (a comment)',
      command: { argv: plan, cwd: project, before: () => writeFileSync(edited, `${text}\n// edit ${++edits}\n`) },
      reference: pgDump(url),
      referenceName: 'pg_dump -s (1,000 tables)',
      maxRatio: 2,
      maxRssMb: 400,
    },
  );
  return out;
}
