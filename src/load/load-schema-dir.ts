import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectDeclarations, validateDeclared, type Declared } from '../declare';
import { SchemakitError, formatProblem, type OnProgress, type Problem } from '../util';
import { evaluateSchemaFiles, watchingEnvironment } from './evaluate';
import { declaredCacheKey, readDeclaredCache, writeDeclaredCache } from './declared-cache';
import { findSchemaFiles } from './find-files';
import { schemakitTypes } from './package-root';
import type * as Incremental from './typecheck-incremental';
import {
  afterCommentEdits,
  checkStateEnv,
  evaluationKey,
  type CheckState,
  fileHashes,
  isCurrent,
  readCheckState,
  readEmitted,
  typecheckCacheKey,
  writeCheckState,
  writeEmitted,
} from './typecheck-cache';
import { errorPlace } from './stack';

/** Options of `loadSchemaDir`. */
export interface LoadOptions {
  /** Type check the files first (default true); off saves the compiler's time. */
  readonly typecheck?: boolean;
  /** Directory where successful type checks are cached by content (e.g. `.schemakit/cache`); none when absent. */
  readonly cacheDir?: string;
  /** Told when the type check runs (not when it is cached): it is the slow part of a load. */
  readonly onProgress?: OnProgress;
}

const summary = (problems: readonly Problem[]) =>
  problems
    .slice(0, 5)
    .map((p) => `\n  ${formatProblem(p)}`)
    .join('') + (problems.length > 5 ? `\n  … and ${problems.length - 5} more` : '');

/**
 * Loads the declarations of a schema folder (`schema/**\/*.ts`): type checks them, evaluates them,
 * collects the exported declarations and validates them. Throws SchemakitError with every problem:
 * `load`/`type-error`, `load`/`runtime-error`, `declare`/`invalid-reference`, `validate`/`invalid-schema`.
 */
export async function loadSchemaDir(dir: string, options: LoadOptions = {}): Promise<Declared> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new SchemakitError('load', 'not-found', `schema folder ${dir} does not exist`);
  const files = findSchemaFiles(root);
  if (files.length === 0) throw new SchemakitError('load', 'no-schema-files', `no .ts files in ${dir}`);
  const typecheck = options.typecheck ?? true;
  const types = schemakitTypes();
  const hashes = fileHashes(files);
  const { cacheDir } = options;
  let compiled: ReadonlyMap<string, string> | undefined;
  let evaluates = typecheckCacheKey(hashes, types);
  let emitted: () => ReadonlyMap<string, string> = () => (cacheDir ? readEmitted(cacheDir, hashes) : new Map());
  if (typecheck) {
    const env = checkStateEnv(types);
    const state = cacheDir ? readCheckState(cacheDir) : undefined;
    let current = isCurrent(state, env, hashes) ? state : afterCommentEdits(state, env, hashes);
    if (current && current !== state && cacheDir) {
      // Comments edited, no code moved: nothing to check; the edited files' JavaScript is emitted if ever evaluated.
      writeEmitted(cacheDir, new Map(), hashes, formerHashes(state));
      writeCheckState(cacheDir, current);
    }
    if (!current) {
      options.onProgress?.({ kind: 'TypeCheck', files: files.length });
      // Loads the compiler only on a cache miss; checks again only what the edits since the stored state can affect.
      const { compileIncrementally } = require('./typecheck-incremental') as typeof Incremental;
      const checked = compileIncrementally(files, hashes, types, env, state);
      const { problems } = checked;
      if (problems.length > 0) throw new SchemakitError('load', 'type-error', `${problems.length} type error(s) in ${dir}:${summary(problems)}`, { problems });
      current = checked.state;
      if (cacheDir && current) {
        const all = whole(checked.outputs, files);
        writeEmitted(cacheDir, checked.outputs, hashes, all ? undefined : formerHashes(state));
        writeCheckState(cacheDir, current);
      }
      const before = emitted;
      emitted = () => (whole(checked.outputs, files) ? checked.outputs : new Map([...before(), ...checked.outputs]));
    }
    // Edits that moved no code (comments) keep this key: their declarations come from the cache.
    if (current) evaluates = evaluationKey(current);
  }
  // An unchanged folder whose evaluation read nothing else: its validated declarations, without evaluating.
  const declaredKey = cacheDir ? declaredCacheKey(evaluates, typecheck) : '';
  const hit = cacheDir ? readDeclaredCache(cacheDir, declaredKey) : undefined;
  if (hit) return hit;
  if (typecheck) {
    compiled = emitted();
    const missing = files.filter((f) => !compiled?.has(f));
    if (missing.length > 0) {
      // Edited comments that moved code: emitted now, from a program of those files (the check vouched for them).
      const { emitSchemaFiles } = require('./typecheck-incremental') as typeof Incremental;
      const more = emitSchemaFiles(missing, types);
      if (cacheDir) writeEmitted(cacheDir, more, hashes, new Map());
      compiled = new Map([...compiled, ...more]);
    }
  }
  let outside = false;
  const readOutside = () => (outside = true);
  const declared = watchingEnvironment(readOutside, () => collect(evaluateSchemaFiles(files, compiled, readOutside), files));
  const problems = validateDeclared(declared);
  if (problems.length > 0) throw new SchemakitError('validate', 'invalid-schema', `${problems.length} problem(s) in ${dir}:${summary(problems)}`, { problems });
  if (options.cacheDir && !outside) writeDeclaredCache(options.cacheDir, declaredKey, declared);
  return declared;
}

const formerHashes = (state: CheckState | undefined) => new Map(Object.entries(state?.files ?? {}).map(([f, s]) => [f, s.hash]));

const whole = (outputs: ReadonlyMap<string, string>, files: readonly string[]) => files.every((f) => outputs.has(f));

/** Collects the exported declarations of the evaluated files; a callback that throws is named at its file:line. */
function collect(modules: Record<string, unknown>[], files: readonly string[]): Declared {
  try {
    return collectDeclarations(modules);
  } catch (err) {
    if (err instanceof SchemakitError) throw err;
    // A callback in a declaration (generated column, check) threw while being evaluated.
    const location = errorPlace(err, new Set(files));
    const message = err instanceof Error ? err.message : String(err);
    throw new SchemakitError('load', 'runtime-error', `${location ? location + ': ' : ''}${message}`, {
      cause: err,
      problems: [{ code: 'runtime-error', message, ...(location ? { location } : {}) }],
    });
  }
}
