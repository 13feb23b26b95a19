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
    if (DROPS_PREPARED.test(sql)) {
      this.generation += 1;
      this.prepared.clear();
    }
  }
}

const DROPS_PREPARED = /\bdeallocate\b|\bdiscard\s+all\b/i;

/**
 * The text that executes `sqls` (already prepared on the session `names` tracks) in one simple-protocol round
 * trip: `EXECUTE name;` each, whose results come back in order. Null when one of them is not prepared yet.
 */
export function preparedBatch(names: PreparedNames, sqls: readonly string[]): string | null {
  const executes: string[] = [];
  for (const sql of sqls) {
    const { name, known } = names.nameOf(sql);
    if (!known) return null;
    executes.push(`EXECUTE ${name}`);
  }
  return executes.join('; ');
}
