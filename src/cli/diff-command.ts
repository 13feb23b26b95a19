import { acquirePglite, type Db } from '../db';
import { introspect, introspectUnmanaged, type UnmanagedObject } from '../introspect';
import { noRenames } from '../model';
import { planToJson, renderUp } from '../plan';
// pipeline/compare rather than pipeline's barrel: comparing two databases needs no schema loader,
// normalization, migrations or reference data (their modules are a third of start-up).
import { openSource, parseSource, planDiff, resolveSide, type Source } from '../pipeline/compare';
import { using, type Outcome } from './outcome';
import { scopeOf } from './project-config';
import { planOptionsOf, type OnlineFlags } from './safety-options';
import type { ScopeFlags } from './scope-options';

/** `schemakit diff --from SRC --to DST`: exit 0 no differences, 2 differences. */
export async function runDiff(opts: { from: string; to: string; json?: boolean; privileges?: boolean } & OnlineFlags & ScopeFlags): Promise<Outcome> {
  const scope = scopeOf(opts);
  const from = parseSource(opts.from);
  const to = parseSource(opts.to);
  // Two servers are connected to and read at once: each side's catalog queries run on the server while
  // this process parses the other's rows (the whole command takes about one introspection's time, not two).
  const servers = from.kind === 'url' && to.kind === 'url';
  const [fromDb, toDb] = servers ? await openBoth(from, to) : await openOneByOne(from, to);
  const extra = (fromDb ?? toDb) ? null : await acquirePglite();
  return using([fromDb, toDb, extra], async () => {
    const like = (fromDb ?? toDb ?? extra)!;
    // `extra` is itself a brand-new empty database: reading `empty` from it saves starting another PGlite.
    const side = (s: Source, db: Db | null) =>
      s.kind === 'empty' && extra
        ? introspect(extra).then((catalog) => ({ catalog, renames: noRenames }))
        : s.kind === 'dir'
          ? import('../load').then((l) => resolveSide(s, db, like, { cacheDir: l.defaultCacheDir() }))
          : resolveSide(s, db, like);
    const [sa, sb] = servers ? await Promise.all([side(from, fromDb), side(to, toDb)]) : [await side(from, fromDb), await side(to, toDb)];
    const plan = planDiff({ source: from, ...sa }, { source: to, ...sb }, { ...planOptionsOf(opts), privileges: opts.privileges, scope });
    // Like the catalogs: two servers are asked at once.
    const [uFrom, uTo] = servers
      ? await Promise.all([unmanagedIn(from, fromDb), unmanagedIn(to, toDb)])
      : [await unmanagedIn(from, fromDb), await unmanagedIn(to, toDb)];
    const unmanaged = { from: uFrom, to: uTo };
    const exitCode = plan.steps.length ? 2 : 0;
    if (opts.json) return { stdout: JSON.stringify({ ...planToJson(plan), unmanaged }, null, 2), exitCode };
    return {
      stdout: `${renderUp(plan)}${unmanagedComment(unmanaged.to, 'DST', 'not created by this script')}${unmanagedComment(unmanaged.from, 'SRC', 'left as they are')}`,
      exitCode,
    };
  });
}

/** Objects of a database side whose kind schemakit does not manage yet (a declaration directory holds none). */
async function unmanagedIn(s: Source, db: Db | null): Promise<UnmanagedObject[]> {
  return db && (s.kind === 'url' || s.kind === 'pglite') ? introspectUnmanaged(db) : [];
}

/** Names them after the script, as SQL comments, so that a diff never leaves them out silently. */
function unmanagedComment(objects: readonly UnmanagedObject[], side: string, fate: string): string {
  if (objects.length === 0) return '';
  const lines = objects.map((o) => `--   ${o.kind} ${o.name}`.replace(/\n/g, ' '));
  return `\n-- Not managed by schemakit yet, in ${side} (${fate}): ${objects.length} object(s)\n${lines.join('\n')}\n`;
}

/** Opens the two sources one after the other (an embedded one holds its lock; the second one failing closes the first). */
async function openOneByOne(from: Source, to: Source): Promise<[Db | null, Db | null]> {
  const fromDb = await openSource(from);
  const toDb = await openSource(to).catch(async (e) => {
    await fromDb?.close();
    throw e;
  });
  return [fromDb, toDb];
}

/** Connects to two servers at once; when either fails, the other is closed and the first error thrown. */
async function openBoth(from: Source, to: Source): Promise<[Db | null, Db | null]> {
  const [a, b] = await Promise.allSettled([openSource(from), openSource(to)]);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  for (const r of [a, b]) if (r.status === 'fulfilled') await r.value?.close().catch(() => undefined);
  throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
}
