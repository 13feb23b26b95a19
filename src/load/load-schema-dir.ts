import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectDeclarations, validateDeclared, type Declared } from '../declare';
import { SchemakitError, formatProblem, type OnProgress, type Problem } from '../util';
import { evaluateSchemaFiles, watchingEnvironment } from './evaluate';
import { declaredCacheKey, readDeclaredCache, writeDeclaredCache } from './declared-cache';
import { findSchemaFiles } from './find-files';
import { schemakitTypes } from './package-root';
import type * as Typecheck from './typecheck';
import { readTypecheckCache, typecheckCacheKey, writeTypecheckCache } from './typecheck-cache';
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
  const key = options.cacheDir ? typecheckCacheKey(files, types) : '';
  // An unchanged folder whose evaluation read nothing else: its validated declarations, without evaluating.
  const declaredKey = options.cacheDir ? declaredCacheKey(key, typecheck) : '';
  const hit = options.cacheDir ? readDeclaredCache(options.cacheDir, declaredKey) : undefined;
  if (hit) return hit;
  let compiled: ReadonlyMap<string, string> | undefined;
  if (typecheck) {
    compiled = options.cacheDir ? readTypecheckCache(options.cacheDir, key) : undefined;
    if (!compiled) {
      options.onProgress?.({ kind: 'TypeCheck', files: files.length });
      const { compileSchemaFiles } = require('./typecheck') as typeof Typecheck; // loads the compiler only on a cache miss
      const { problems, outputs } = compileSchemaFiles(files, types);
      if (problems.length > 0) throw new SchemakitError('load', 'type-error', `${problems.length} type error(s) in ${dir}:${summary(problems)}`, { problems });
      compiled = outputs;
      if (options.cacheDir) writeTypecheckCache(options.cacheDir, key, outputs);
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
