import { createHash } from 'node:crypto';

/**
 * Names of the statements a session keeps prepared (Db.queryPrepared): `schemakit_<generation>_<hash of the
 * text>`. A statement that drops prepared statements (`DISCARD ALL`, `DISCARD PLANS` keeps them, `DEALLOCATE`)
 * starts a new generation, so the next use prepares under a new name instead of executing one the server has
 * forgotten (a false alarm only costs one more PREPARE).
 */
export class PreparedNames {
  private generation = 0;
  private readonly prepared = new Set<string>();

  /** The statement's current name, and whether the session already holds it. */
  nameOf(sql: string): { readonly name: string; readonly known: boolean } {
    const name = `schemakit_${this.generation}_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    return { name, known: this.prepared.has(name) };
  }

  /** Records that the session now holds `name`. */
  remember(name: string): void {
    this.prepared.add(name);
  }

  /** Called with every other statement the session runs: one that drops prepared statements starts a new generation. */
  observe(sql: string): void {
    if (DROPS_PREPARED.test(sql)) this.restart();
  }

  /**
   * A new generation: after a batch that failed part-way, some of its PREPAREs may have run (a rollback does
   * not undo them) without being known here, so names are taken afresh.
   */
  restart(): void {
    this.generation += 1;
    this.prepared.clear();
  }
}

const DROPS_PREPARED = /\bdeallocate\b|\bdiscard\s+all\b/i;

/** A batch of statements in one simple-protocol text (see preparedBatch). */
export interface PreparedBatch {
  readonly text: string;
  /** Position, among the text's results, of each statement's rows (a PREPARE has a result of its own). */
  readonly rowsAt: readonly number[];
  /** Names the batch prepares: remembered once it ran. */
  readonly preparing: readonly string[];
}

/**
 * The text that executes `sqls` (already prepared on the session `names` tracks) in one simple-protocol round
 * trip: `EXECUTE name;` each, whose results come back in order. Null when one of them is not prepared yet,
 * unless `prepareUnknown`: such a statement is then prepared in the same text (`PREPARE name AS …; EXECUTE
 * name`, each on its own line so that a trailing `--` comment cannot swallow the separator).
 */
export function preparedBatch(names: PreparedNames, sqls: readonly string[], prepareUnknown = false): PreparedBatch | null {
  const parts: string[] = [];
  const rowsAt: number[] = [];
  const preparing: string[] = [];
  for (const sql of sqls) {
    const { name, known } = names.nameOf(sql);
    if (!known && !prepareUnknown) return null;
    if (!known && !preparing.includes(name)) {
      parts.push(`PREPARE ${name} AS ${sql}\n`);
      preparing.push(name);
    }
    rowsAt.push(parts.length);
    parts.push(`EXECUTE ${name}`);
  }
  return { text: parts.join(';\n'), rowsAt, preparing };
}

/** Each statement's rows from a batch's results (see PreparedBatch.rowsAt), and its names remembered. */
export function batchRows(names: PreparedNames, batch: PreparedBatch, results: readonly { readonly rows: unknown[] }[]): unknown[][] {
  for (const name of batch.preparing) names.remember(name);
  return batch.rowsAt.map((i) => results[i]?.rows ?? []);
}
