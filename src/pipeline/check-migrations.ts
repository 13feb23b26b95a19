import { join } from 'node:path';
import type { Db } from '../db';
import type { Declared } from '../declare';
import { diffCatalogs } from '../diff';
import { introspect, scopeCatalog, type Scope } from '../introspect';
import { catalogHash, editedApplied, hashedOn, migrateUp, readHistory, readMigrations, type MigrationFile } from '../migrate';
import { planChanges, type Plan } from '../plan';
import type { Problem } from '../util';
import { normalizeDeclared } from './normalize';
import { extensionsCreatedBy, openReplayScratch, type ReplayTarget } from './replay-migrations';

/** What `migrate check` found: problems fail CI, notices do not. */
export interface CheckReport {
  readonly problems: readonly Problem[];
  readonly notices: readonly string[];
  /** What the declared schema still needs beyond the files (empty when they reproduce it). */
  readonly missing: Plan;
  readonly migrations: number;
}

/** Options of checkMigrations. */
export interface CheckOptions {
  readonly dir: string;
  readonly replay?: ReplayTarget;
  /** A database whose history is checked against the files (applied files edited since). */
  readonly target?: Db;
  /** The part of the schema managed (`--schemas`…): the files must reproduce the declarations inside it. */
  readonly scope?: Scope;
}

/**
 * The CI check of a migrations directory: replays the files in order into an empty database and fails when
 * one does not apply, when a generated migration was made from a state its predecessors do not produce
 * while another migration was made from that same state (two branches each added one: a conflict when they
 * touch the same objects), when the files do not reproduce the declared schema, and, given a database,
 * when a file was edited after being applied there.
 */
export async function checkMigrations(declared: Declared, options: CheckOptions): Promise<CheckReport> {
  const files = readMigrations(options.dir);
  const problems: Problem[] = [];
  const notices: string[] = [];
  if (options.target) {
    for (const { file } of editedApplied(files, await readHistory(options.target))) {
      problems.push({
        code: 'edited-applied',
        object: file.id,
        message: `${join(file.dir, 'up.sql')} was edited after being applied to ${options.target.description}`,
      });
    }
  }
  const extensions = [...new Set([...extensionsCreatedBy(files), ...declared.catalog.extensions.map((e) => e.name)])];
  const scratch = await openReplayScratch({ ...options.replay, extensions: [...(options.replay?.extensions ?? []), ...extensions] });
  try {
    const db = scratch.db;
    const engine = hashedOn(db);
    let hash = catalogHash(await introspect(db));
    let previous: MigrationFile | null = null;
    for (const f of files) {
      if (f.meta && f.meta.hashedOn === engine && f.meta.fromHash !== hash && f.meta.fromHash !== previous?.meta?.toHash) {
        problems.push(...conflicts(f, files));
      }
      try {
        await migrateUp(db, files, { to: f.version });
      } catch (e) {
        problems.push({ code: 'replay-failed', object: f.id, message: (e as Error).message });
        return { problems, notices, missing: { steps: [] }, migrations: files.length };
      }
      hash = catalogHash(await introspect(db));
      if (f.meta && f.meta.hashedOn === engine && f.meta.toHash !== hash) {
        notices.push(`${f.id}: up.sql produces another schema than when it was generated (edited by hand?)`);
      }
      previous = f;
    }
    const desired = scopeCatalog(await normalizeDeclared(declared, db), options.scope);
    const missing = planChanges(diffCatalogs(await introspect(db, { scope: options.scope }), desired, declared.renames));
    if (missing.steps.length > 0) {
      problems.push({
        code: 'not-reproducing',
        message: `the migration files do not reproduce the declared schema (${missing.steps.length} statement(s) missing): run schemakit generate NAME`,
      });
    }
    return { problems, notices, missing, migrations: files.length };
  } finally {
    await scratch.dispose();
  }
}

/** A migration generated from a state its predecessors do not produce: siblings made from the same state. */
function conflicts(f: MigrationFile, files: readonly MigrationFile[]): Problem[] {
  const siblings = files.filter((g) => g !== f && g.meta?.fromHash === f.meta!.fromHash);
  if (siblings.length === 0) {
    return [
      {
        code: 'conflict',
        object: f.id,
        message: `${f.id} was generated from a schema state the migrations before it do not produce (a migration before it was added, removed or edited since): delete it and generate it again`,
      },
    ];
  }
  return siblings.map((g) => {
    const shared = g.meta!.objects.filter((o) => f.meta!.objects.includes(o));
    const both = `${g.id} and ${f.id} were both generated from the same schema state (two branches each added a migration)`;
    return shared.length > 0
      ? { code: 'conflict', object: f.id, message: `${both} and both change ${shared.join(', ')}: delete ${f.id} and generate it again on top of ${g.id}` }
      : {
          code: 'conflict',
          object: f.id,
          message: `${both}; they touch different objects, so regenerate ${f.id} on top of ${g.id} to record the order (delete it, run generate)`,
        };
  });
}
