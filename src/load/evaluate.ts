import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { forgetGeneratedSources, registerGeneratedSource, SchemakitError } from '../util';
import { schemakitModule } from './package-root';
import { errorPlace, formatPlace } from './stack';

/** Node's CommonJS module internals this loader relies on (stable since Node 0.x, untyped). */
interface NodeModule extends Module {
  _compile(code: string, filename: string): void;
  require(id: string): unknown;
}
const NodeModuleCtor = Module as unknown as { new (id: string, parent?: Module): NodeModule; _nodeModulePaths(dir: string): string[] };

/** Transpiles one schema file to CommonJS with an inline source map (so stack traces name `.ts` lines). */
function transpile(file: string): string {
  // The compiler is loaded only when a file has to be transpiled (~0.5 s of require time).
  const ts = require('typescript') as typeof TS;
  const out = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true, inlineSources: true },
  });
  const problems = (out.diagnostics ?? []).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    return {
      code: 'syntax-error',
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      ...(pos ? { location: formatPlace(file, pos.line + 1, pos.character + 1) } : {}),
    };
  });
  if (problems.length > 0) throw new SchemakitError('load', 'syntax-error', `syntax errors in ${formatPlace(file, problems.length)}`, { problems });
  return out.outputText;
}

/** Resolves a relative import of a schema file to another `.ts` file (extensionless, `.js` or `/index`). */
function resolveSchemaImport(id: string, from: string): string | null {
  const base = path.resolve(path.dirname(from), id);
  const candidates = [base, `${base}.ts`, base.replace(/\.[cm]?js$/, '.ts'), path.join(base, 'index.ts')];
  return candidates.find((f) => f.endsWith('.ts') && fs.existsSync(f) && fs.statSync(f).isFile()) ?? null;
}

/**
 * Evaluates schema files with a module loader of their own: `schemakit` is this very package (same
 * class instances), relative imports are other schema files, anything else is required normally from
 * the schema folder. Files already compiled (by the type check) are not transpiled again. Returns the
 * exports of each file, in order. A runtime error is reported with the
 * file:line of the schema file it happened in.
 */
export function evaluateSchemaFiles(
  files: readonly string[],
  compiled: ReadonlyMap<string, string> = new Map(),
  /** Told when a file requires a module other than `schemakit` and the schema files (its result may vary). */
  onOutsideRead: () => void = () => undefined,
): Record<string, unknown>[] {
  // Node 16.6+: map stack traces through the inline source maps, so errors and declaration
  // locations name `.ts` lines.
  process.setSourceMapsEnabled(true);
  // Declarations name their file:line through these maps too (declare/location), decoded only when asked.
  forgetGeneratedSources();
  const cache = new Map<string, NodeModule>();
  const known = new Set(files);
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    known.add(file);
    const m = new NodeModuleCtor(file);
    m.filename = file;
    m.paths = NodeModuleCtor._nodeModulePaths(path.dirname(file));
    const plainRequire = createRequire(file);
    m.require = (id: string): unknown => {
      if (id === 'schemakit') return schemakitModule();
      if (id.startsWith('.') || path.isAbsolute(id)) {
        const target = resolveSchemaImport(id, file);
        if (target) return load(target);
      }
      onOutsideRead();
      return plainRequire(id);
    };
    cache.set(file, m);
    const code = compiled.get(file) ?? transpile(file);
    registerGeneratedSource(file, code);
    m._compile(code, file);
    m.loaded = true;
    return m.exports;
  };
  // Schema files are trusted code, but one that calls process.exit() while loading must not end the run
  // with a success code (an empty `plan` reading as "no changes"): the call throws instead, naming the file.
  const exit = process.exit;
  process.exit = ((code?: number | string | null) => {
    throw new Error(`process.exit(${code ?? ''}) called while the schema files were evaluated: schema files must not end the process`);
  }) as typeof process.exit;
  try {
    return files.map((file) => evaluateOne(file));
  } finally {
    process.exit = exit;
  }

  function evaluateOne(file: string): Record<string, unknown> {
    try {
      return load(file) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof SchemakitError) throw err;
      const location = errorPlace(err, known) ?? formatPlace(file, 1);
      const message = err instanceof Error ? err.message : String(err);
      throw new SchemakitError('load', 'runtime-error', `${location}: ${message}`, { cause: err, problems: [{ code: 'runtime-error', message, location }] });
    }
  }
}

/**
 * Runs `run` with `process.env` behind a proxy that tells `onRead` when code other than Node's own (which
 * reads e.g. NODE_V8_COVERAGE as it compiles a module) reads or lists a variable: the declarations then
 * depend on the environment. The environment object is put back afterwards.
 */
export function watchingEnvironment<T>(onRead: () => void, run: () => T): T {
  const env = process.env;
  function told<R>(r: R): R {
    if (!readByNode(told)) onRead();
    return r;
  }
  process.env = new Proxy(env, {
    get: (t, k) => (typeof k === 'string' ? told(Reflect.get(t, k)) : Reflect.get(t, k)),
    has: (t, k) => (typeof k === 'string' ? told(Reflect.has(t, k)) : Reflect.has(t, k)),
    ownKeys: (t) => told(Reflect.ownKeys(t)),
    getOwnPropertyDescriptor: (t, k) => told(Reflect.getOwnPropertyDescriptor(t, k)),
  });
  try {
    return run();
  } finally {
    process.env = env;
  }
}

/** Whether the code that called the proxy trap calling `trap` is Node's own (a `node:` module). */
function readByNode(trap: (r: never) => unknown): boolean {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_err, callSites) => callSites;
    Error.stackTraceLimit = 2;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, trap);
    // [0] is the proxy's trap (an arrow function in this file), [1] the code that touched process.env.
    const sites = (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
    return sites[1]?.getFileName()?.startsWith('node:') ?? false;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}
