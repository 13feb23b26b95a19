import type { Db } from '../db';

/** What a command asks of the process: text for stdout, and an exit code. */
export interface Outcome {
  readonly stdout: string;
  readonly exitCode: number;
}

/** Closes every database opened, whatever happens. */
export async function using<T>(dbs: (Db | null)[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    for (const db of dbs) if (db) await db.close().catch(() => undefined);
  }
}
