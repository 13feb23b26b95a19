import { SchemakitError } from '../util';
import type { Plan, Step } from '../plan';
import { qualified } from '../sql';
import { analyzeStatement } from '../lint';

/**
 * What `schemakit generate` records next to up.sql and down.sql (`meta.json`, kebab-case keys). Hand-written
 * migrations have none; every field is then unknown and the runner relies on up.sql alone.
 */
export interface MigrationMeta {
  /** sha256 of the normalized catalog the migration starts from (the state the earlier files produce). */
  readonly fromHash: string;
  /** sha256 of the normalized catalog it produces (the declared schema at generate time). */
  readonly toHash: string;
  /** The engine the hashes were computed on, e.g. `postgres 15`: catalogs of different versions may differ. */
  readonly hashedOn: string;
  readonly statements: number;
  readonly hazards: readonly string[];
  /**
   * True when down.sql restores the schema AND the data: every step has a reverse and no reverse deletes
   * data (a down that drops a table the migration created loses the rows written since).
   */
  readonly reversible: boolean;
  /** The hazard kinds of down.sql's statements (`deletes-data` makes `migrate down` ask for --allow-hazard). */
  readonly downHazards: readonly string[];
  /** What running down.sql loses (`statement N: object: message`), for `reversible: false`. */
  readonly downLoses: readonly string[];
  /** Why each irreversible statement cannot be undone (`statement N (object): reason`). */
  readonly irreversible: readonly string[];
  /** 1-based numbers of the statements of up.sql that run outside the migration transaction. */
  readonly outsideTransaction: readonly number[];
  /** For a statement outside the transaction: what to run before running it again after an interruption. */
  readonly beforeRetry: Readonly<Record<string, string>>;
  /** The objects the migration touches (for conflict detection between branches). */
  readonly objects: readonly string[];
}

/** The meta of a generated migration. */
export function metaFromPlan(plan: Plan, hashes: { from: string; to: string; hashedOn: string }): MigrationMeta {
  const beforeRetry: Record<string, string> = {};
  plan.steps.forEach((s, i) => {
    const cleanup = s.transactional ? null : retryCleanup(s);
    if (cleanup !== null) beforeRetry[String(i + 1)] = cleanup;
  });
  // Down statements are text (a step's reverse); the same analyzer that `migrate down` runs on them finds their hazards.
  const reverses = [...plan.steps]
    .reverse()
    .map((s) => s.reverse)
    .filter((r): r is string => r !== null && r !== '');
  const downFacts = reverses.map((r) => analyzeStatement(r));
  const downLoses = downFacts.flatMap((f, i) => f.hazards.filter((h) => h.kind === 'deletes-data').map((h) => `statement ${i + 1}: ${h.message}`));
  return {
    fromHash: hashes.from,
    toHash: hashes.to,
    hashedOn: hashes.hashedOn,
    statements: plan.steps.length,
    hazards: [...new Set(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind)))],
    reversible: plan.steps.every((s) => s.reverse !== null) && downLoses.length === 0,
    downHazards: [...new Set(downFacts.flatMap((f) => f.hazards.map((h) => h.kind)))],
    downLoses,
    irreversible: plan.steps.flatMap((s, i) => (s.reverse === null ? [`statement ${i + 1} (${s.object}): ${s.irreversible ?? 'no reverse'}`] : [])),
    outsideTransaction: plan.steps.flatMap((s, i) => (s.transactional ? [] : [i + 1])),
    beforeRetry,
    objects: [...new Set(plan.steps.map((s) => s.object))].sort(),
  };
}

/**
 * A statement outside a transaction that was interrupted may have left something behind: a killed
 * CREATE INDEX CONCURRENTLY leaves an INVALID index that `IF NOT EXISTS` would then silently keep, so it is
 * dropped first. ALTER TYPE … ADD VALUE IF NOT EXISTS is idempotent as it is.
 */
function retryCleanup(s: Step): string | null {
  const c = s.change;
  return c.kind === 'CreateIndex' ? `DROP INDEX CONCURRENTLY IF EXISTS ${qualified(c.index.schema, c.index.name)}` : null;
}

/** meta.json text (stable key order, kebab-case). */
export function renderMeta(m: MigrationMeta): string {
  const json = {
    'from-hash': m.fromHash,
    'to-hash': m.toHash,
    'hashed-on': m.hashedOn,
    statements: m.statements,
    hazards: m.hazards,
    reversible: m.reversible,
    irreversible: m.irreversible,
    'down-hazards': m.downHazards,
    'down-loses': m.downLoses,
    'outside-transaction': m.outsideTransaction,
    'before-retry': m.beforeRetry,
    objects: m.objects,
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/** Parses meta.json, naming the file on a problem. */
export function parseMeta(text: string, file: string): MigrationMeta {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new SchemakitError('migrate', 'bad-meta', `${file}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const str = (k: string) => (typeof j[k] === 'string' ? (j[k] as string) : bad(k));
  const list = <T>(k: string, ok: (v: unknown) => boolean) => (Array.isArray(j[k]) && (j[k] as unknown[]).every(ok) ? (j[k] as T[]) : bad(k));
  const bad = (k: string): never => {
    throw new SchemakitError('migrate', 'bad-meta', `${file}: field "${k}" is missing or of the wrong type`);
  };
  const isStr = (v: unknown) => typeof v === 'string';
  const retry = j['before-retry'] ?? {};
  if (typeof retry !== 'object' || retry === null || Object.values(retry).some((v) => typeof v !== 'string')) bad('before-retry');
  return {
    fromHash: str('from-hash'),
    toHash: str('to-hash'),
    hashedOn: str('hashed-on'),
    statements: typeof j.statements === 'number' ? j.statements : bad('statements'),
    hazards: list<string>('hazards', isStr),
    reversible: typeof j.reversible === 'boolean' ? j.reversible : bad('reversible'),
    irreversible: list<string>('irreversible', isStr),
    // Absent from meta.json written before down hazards were recorded.
    downHazards: j['down-hazards'] === undefined ? [] : list<string>('down-hazards', isStr),
    downLoses: j['down-loses'] === undefined ? [] : list<string>('down-loses', isStr),
    outsideTransaction: list<number>('outside-transaction', (v) => Number.isInteger(v)),
    beforeRetry: retry as Record<string, string>,
    objects: list<string>('objects', isStr),
  };
}
