import { pgliteDataDirOf, pgliteStateId, unchangedPgliteState, type Db, type EngineLockOptions } from '../db';
import { findReferenceTables } from '../data';
import type { Declared } from '../declare';
import { fileContentHash, sha256, stableDigest, stableJson } from '../util';
import { codeStamp, readCacheEntry, writeCacheEntry } from './normalize-cache';

/**
 * What a command computed from an embedded database and the declarations, cached by the database's state
 * and every input, so that running it again on an unchanged database and unchanged declarations starts
 * neither PGlite (~1-2 s of CPU) nor the diff: `plan` run again and again, or in a pre-commit hook. The
 * database's state id comes from its stamp when schemakit closed it last and nobody opened it since
 * (unchangedPgliteState), or from the open database (pgliteStateId); any write through schemakit, or
 * by another program, changes it. A server is never cached (other sessions change it).
 */
export interface EmbeddedResultCache<T> {
  /** The cached value, or undefined (a miss, or a database whose state is not known without opening it). */
  lookup(): Promise<T | undefined>;
  /** Stores `value`, computed on `db` (opened after lookup); nothing when `db` is not an embedded database. */
  store(db: Db, value: T, state: string | null): void;
  /** The state id of `db` (read after computing: the state its stamp records when it is closed next). */
  stateOf(db: Db): Promise<string | null>;
}

/** Inputs of a cached embedded result besides the database: the declarations, the reference data files and the command's options. */
export interface EmbeddedResultInputs {
  readonly kind: string;
  readonly declared: Declared;
  /** Project root and data folder of the reference CSV files (their content is part of the key). */
  readonly root: string;
  readonly dataDir?: string;
  /** Every option that changes the result (flags, scope, policy defaults), as plain data. */
  readonly options: unknown;
}

/** A cache of one command's result on the embedded data directory `dataDir`, stored in `cacheDir`. */
export function embeddedResultCache<T>(cacheDir: string, dataDir: string, inputs: EmbeddedResultInputs, lock?: EngineLockOptions): EmbeddedResultCache<T> {
  let inputsKey: string | undefined;
  const keyAt = (state: string): string => {
    inputsKey ??= inputsHash(inputs);
    return sha256([state, inputsKey].join('\0'));
  };
  return {
    async lookup() {
      const state = await unchangedPgliteState(dataDir, lock);
      return state === null ? undefined : readCacheEntry<T>(cacheDir, inputs.kind, keyAt(state));
    },
    async stateOf(db) {
      return pgliteStateId(db, pgliteDataDirOf(db));
    },
    store(db, value, state) {
      if (state !== null && pgliteDataDirOf(db) !== null) writeCacheEntry(cacheDir, inputs.kind, keyAt(state), value);
    },
  };
}

/** The declarations, renames, reference data (paths, specs and every CSV file's content), options and build. */
function inputsHash(inputs: EmbeddedResultInputs): string {
  const { declared } = inputs;
  const refs = findReferenceTables(inputs.root, inputs.dataDir ?? 'data', declared.referenceData ?? []);
  return sha256(
    [
      inputs.kind,
      stableDigest(declared.catalog),
      stableJson(declared.renames),
      stableJson(declared.referenceData ?? []),
      stableJson(refs),
      ...refs.map((r) => fileContentHash(r.path)),
      stableJson(inputs.options ?? null),
      codeStamp(),
    ].join('\0'),
  );
}
