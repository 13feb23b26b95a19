import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { Problem } from '../util';
import { formatPlace } from './stack';

/**
 * Compiler options for schema files: strict, ES2022 lib only (no DOM, no @types), `schemakit` mapped to
 * this package's own types, CommonJS output with inline source maps for the loader. `skipLibCheck`
 * keeps the check of the package's declarations out of the user's time. Node10 resolution (as the
 * project's own tsconfig; deprecated in TypeScript 6, hence `ignoreDeprecations`) resolves extensionless
 * and `.js` relative imports to `.ts` files whatever the package's `type`.
 */
export function compileOptions(ts: typeof TS, schemakitTypes: string): TS.CompilerOptions {
  return {
    strict: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    ignoreDeprecations: '6.0',
    esModuleInterop: true,
    resolveJsonModule: true,
    lib: ['lib.es2022.d.ts'],
    types: [],
    paths: { schemakit: [schemakitTypes] },
    inlineSourceMap: true,
    inlineSources: true,
  };
}

/**
 * Parsed declaration files that do not change while the process runs: TypeScript's own `lib.*.d.ts` and this
 * package's declarations (what `schemakit` resolves to). Keyed by file, modification time and language version.
 * A process that checks schema files more than once (a test suite running the CLI in-process, a watcher)
 * parses them once instead of for every program: they are most of what a check parses (~1 s of CPU).
 */
const sharedSourceFiles = new Map<string, TS.SourceFile>();

export function sharingHost(ts: typeof TS, options: TS.CompilerOptions, schemakitTypes: string): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  // As tsc: JSDoc is parsed only where it can make a type error (the declaration API's docs are most of its text).
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const ownDir = path.dirname(path.dirname(schemakitTypes));
  const immutable = (file: string) => file.endsWith('.d.ts') && (file.startsWith(libDir) || file.startsWith(ownDir));
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const resolved = path.resolve(fileName);
    if (shouldCreateNewSourceFile || !immutable(resolved)) return parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    let mtime: number;
    try {
      mtime = fs.statSync(resolved).mtimeMs;
    } catch {
      return parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    }
    const version = typeof languageVersionOrOptions === 'object' ? JSON.stringify(languageVersionOrOptions) : String(languageVersionOrOptions);
    const key = `${resolved}\0${mtime}\0${version}`;
    const known = sharedSourceFiles.get(key);
    if (known) return known;
    const parsed = parse(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    if (parsed) sharedSourceFiles.set(key, parsed);
    return parsed;
  };
  return host;
}

/** The outcome of compiling schema files: type errors, or the JavaScript of each `.ts` file. */
export interface Compiled {
  readonly problems: readonly Problem[];
  /** `.ts` file → CommonJS JavaScript with an inline source map (empty when there are problems). */
  readonly outputs: ReadonlyMap<string, string>;
}

/**
 * Type checks the schema files and, when they are correct, emits them from the same program (parsing
 * once). Problems are located `file:line:col`.
 */
export function compileSchemaFiles(files: readonly string[], schemakitTypes: string): Compiled {
  // The compiler is loaded only when a type check has to run (~0.5 s of CPU to require).
  const ts = require('typescript') as typeof TS;
  const options = compileOptions(ts, schemakitTypes);
  const program = ts.createProgram({ rootNames: files, options, host: sharingHost(ts, options, schemakitTypes) });
  const problems = toProblems(ts, ts.getPreEmitDiagnostics(program));
  const outputs = new Map<string, string>();
  if (problems.length > 0) return { problems, outputs };
  return { problems, outputs: emitJs(program) };
}

/** Diagnostics as problems located `file:line:col`. */
export function toProblems(ts: typeof TS, diagnostics: readonly TS.Diagnostic[]): Problem[] {
  return diagnostics.map((d): Problem => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n') + hintFor(d.code);
    if (d.file && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return { code: 'type-error', message: `TS${d.code}: ${message}`, location: formatPlace(path.resolve(d.file.fileName), line + 1, character + 1) };
    }
    return { code: 'type-error', message: `TS${d.code}: ${message}` };
  });
}

/** The JavaScript of each file of the program (or of `only`), by absolute `.ts` path. */
export function emitJs(program: TS.Program, only?: readonly TS.SourceFile[]): Map<string, string> {
  const outputs = new Map<string, string>();
  const write: TS.WriteFileCallback = (fileName, text, _bom, _onError, sources) => {
    const source = sources?.[0]?.fileName;
    if (source && fileName.endsWith('.js')) outputs.set(path.resolve(source), text);
  };
  if (only) for (const sf of only) program.emit(sf, write);
  else program.emit(undefined, write);
  return outputs;
}

/**
 * TS7022/7023/7024 ("implicitly has type 'any' because it … is referenced directly or indirectly in its own
 * initializer") come from schema files importing each other (foreign keys both ways): the fix is a return
 * type on the reference callback.
 */
function hintFor(code: number): string {
  if (code !== 7022 && code !== 7023 && code !== 7024) return '';
  return (
    '\n  hint: schema files that import each other (foreign keys both ways) need the type of the reference spelled out:' +
    "\n    .references((): ColumnRef => users.columns.id)   // import { type ColumnRef } from 'schemakit'"
  );
}
