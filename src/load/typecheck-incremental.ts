import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { sha256, type Problem } from '../util';
import { commentlessHash, hasCommentDirectives } from './strip-comments';
import { compileOptions, emitJs, sharingHost, toProblems } from './typecheck';
import type { CheckState, FileState } from './typecheck-cache';

/** The outcome of an incremental check: problems, or every file's JavaScript and the state to store. */
export interface IncrementalCheck {
  readonly problems: readonly Problem[];
  /** `.ts` file → JavaScript of the files checked (empty when there are problems). */
  readonly outputs: ReadonlyMap<string, string>;
  /** The state to store (absent when there are problems). */
  readonly state?: CheckState;
  /** The schema files this run checked: all of them, or those an edit can affect. */
  readonly checked: number;
}

/**
 * Type checks a schema folder, checking again only what the edits since `previous` (the state of the last
 * successful check, made under `env`) can affect: the files whose text changed and, when a file's syntax
 * changed (not only its comments or layout), every file that imports it, directly or not. Those files go
 * into a program as its roots (the program also reads what they import, but does not check it); only their
 * diagnostics are asked for, with the program's global ones, as `ts.getPreEmitDiagnostics` would give for
 * the whole folder. The other files' diagnostics were none and cannot have changed: a file's diagnostics
 * depend only on its text and the types of what it imports, and their texts and imports did not change.
 * Anything the state cannot vouch for (another TypeScript or schemakit, files added or removed, a global
 * script, a `declare global`, an import of a local file outside the folder) checks the whole folder.
 */
export function compileIncrementally(
  files: readonly string[],
  hashes: ReadonlyMap<string, string>,
  schemakitTypes: string,
  env: string,
  previous: CheckState | undefined,
): IncrementalCheck {
  // The compiler is loaded only when a type check has to run (~0.5 s of CPU to require).
  const ts = require('typescript') as typeof TS;
  const options = compileOptions(ts, schemakitTypes);
  const host = sharingHost(ts, options, schemakitTypes);
  const describe = describer(ts, options, host, new Set(files), path.resolve(schemakitTypes));
  const affected = previous && previous.env === env ? affectedFiles(ts, files, hashes, previous.files, options, describe) : undefined;
  if (affected && previous && affected.check.length === 0) {
    // Only comments or layout changed: the same syntax has the same diagnostics (none). Their JavaScript is
    // emitted when the files are evaluated (emitSchemaFiles).
    const files = { ...previous.files };
    for (const [f, d] of affected.quiet) files[f] = { hash: hashes.get(f) ?? '', ...d };
    return { problems: [], outputs: new Map(), checked: 0, state: { env, files } };
  }
  const roots = affected ? [...new Set([...affected.check, ...affected.quiet.keys()])].sort() : undefined;
  const program = ts.createProgram({ rootNames: roots ?? files, options, host });
  const sources = (roots ?? files).map((f) => program.getSourceFile(f)).filter((sf): sf is TS.SourceFile => sf !== undefined);
  const diagnostics = roots ? diagnosticsOf(ts, program, sources) : ts.getPreEmitDiagnostics(program);
  const problems = toProblems(ts, diagnostics);
  const checked = sources.length;
  if (problems.length > 0) return { problems, outputs: new Map(), checked };
  const emitted = emitJs(program, roots ? sources : undefined);
  const next: Record<string, FileState> = roots && previous ? { ...previous.files } : {};
  for (const sf of sources) {
    const file = path.resolve(sf.fileName);
    next[file] = { hash: hashes.get(file) ?? sha256(sf.text), ...describe(sf) };
  }
  const complete = files.every((f) => next[f] !== undefined) && sources.every((sf) => emitted.has(path.resolve(sf.fileName)));
  return { problems, outputs: emitted, checked, ...(complete ? { state: { env, files: next } } : {}) };
}

/** What getPreEmitDiagnostics gives for these files (in its order of asking): options, syntax, global, semantics. */
function diagnosticsOf(ts: typeof TS, program: TS.Program, sources: readonly TS.SourceFile[]): readonly TS.Diagnostic[] {
  const syntactic = sources.flatMap((sf) => program.getSyntacticDiagnostics(sf));
  const options = program.getOptionsDiagnostics();
  const global = program.getGlobalDiagnostics();
  const semantic = sources.flatMap((sf) => program.getSemanticDiagnostics(sf));
  return ts.sortAndDeduplicateDiagnostics([...program.getConfigFileParsingDiagnostics(), ...options, ...syntactic, ...global, ...semantic]);
}

type Description = Pick<FileState, 'shape' | 'layout' | 'commentless' | 'directives' | 'imports' | 'standalone'>;

/** Describes a parsed schema file: its shape, the schema files it imports, whether it is standalone (see FileState). */
function describer(ts: typeof TS, options: TS.CompilerOptions, host: TS.CompilerHost, schema: ReadonlySet<string>, types: string) {
  const printer = ts.createPrinter({ removeComments: true });
  const resolutions = ts.createModuleResolutionCache(process.cwd(), (f) => f, options);
  return (sf: TS.SourceFile): Description => {
    const text = sf.text;
    // `@ts-ignore` and `@ts-expect-error` act from comments, by line: any edit of such a file is a change of shape.
    const shape = text.includes('@ts-') ? sha256(`text\0${text}`) : sha256(`syntax\0${printer.printFile(sf)}`);
    let standalone =
      ts.isExternalModule(sf) &&
      sf.referencedFiles.length === 0 &&
      sf.typeReferenceDirectives.length === 0 &&
      sf.libReferenceDirectives.length === 0 &&
      !sf.statements.some((s) => ts.isModuleDeclaration(s));
    const imports = new Set<string>();
    for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
      const resolved = ts.resolveModuleName(fileName, sf.fileName, options, host, resolutions).resolvedModule;
      if (!resolved) continue;
      const target = path.resolve(resolved.resolvedFileName);
      if (schema.has(target)) imports.add(target);
      else if (!resolved.isExternalLibraryImport && target !== types) standalone = false;
    }
    return {
      shape,
      layout: layoutOf(ts, sf),
      commentless: commentlessHash(text),
      directives: hasCommentDirectives(text),
      imports: [...imports].sort(),
      standalone,
    };
  };
}

/** The hash of every node's kind, start and end, as lines and columns (see FileState.layout). */
function layoutOf(ts: typeof TS, sf: TS.SourceFile): string {
  const parts: number[] = [];
  const visit = (node: TS.Node): void => {
    if (node.kind === ts.SyntaxKind.EndOfFileToken) return; // it starts after the last comment
    const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const end = sf.getLineAndCharacterOfPosition(node.end);
    parts.push(node.kind, start.line, start.character, end.line, end.character);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  return sha256(parts.join(','));
}

/**
 * What the edits since `known` need: the files to check again (absolute paths) and the edited files whose
 * syntax did not change (their new descriptions), or undefined when the whole folder must be checked.
 */
function affectedFiles(
  ts: typeof TS,
  files: readonly string[],
  hashes: ReadonlyMap<string, string>,
  known: Readonly<Record<string, FileState>>,
  options: TS.CompilerOptions,
  describe: (sf: TS.SourceFile) => Description,
): { check: string[]; quiet: Map<string, Description> } | undefined {
  if (Object.keys(known).length !== files.length || files.some((f) => known[f] === undefined || !known[f].standalone)) return undefined;
  const importers = new Map<string, string[]>();
  for (const f of files) for (const i of known[f]?.imports ?? []) importers.set(i, [...(importers.get(i) ?? []), f]);
  const check = new Set<string>();
  const quiet = new Map<string, Description>();
  const reshaped: string[] = [];
  for (const f of files.filter((x) => known[x]?.hash !== hashes.get(x))) {
    const sf = parse(ts, f, options);
    const now = describe(sf);
    if (!now.standalone) return undefined;
    // The shape of a file with `@ts-` directives is its text: an edit of it is always a change of shape. A file
    // that does not parse is checked (TypeScript's own field; when it is gone, every edited file is checked).
    const parses = (sf as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length === 0;
    if (parses && now.shape === known[f]?.shape) quiet.set(f, now);
    else {
      check.add(f);
      reshaped.push(f);
    }
  }
  // What imports a file whose syntax changed may see other types, and so may what imports that, and so on.
  while (reshaped.length > 0) {
    for (const g of importers.get(reshaped.pop() ?? '') ?? []) {
      if (!check.has(g)) {
        check.add(g);
        reshaped.push(g);
      }
    }
  }
  return { check: [...check].sort(), quiet };
}

/** A schema file parsed with parent pointers, as the checked files of a program have them (the printer prints literals as written only then). */
function parse(ts: typeof TS, file: string, options: TS.CompilerOptions): TS.SourceFile {
  const languageVersion = options.target ?? ts.ScriptTarget.ES2022;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), { languageVersion, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors }, true);
}

/**
 * The JavaScript of schema files the last check vouched for but did not emit (edits of comments or layout
 * only), from a program of those files: emitted, not checked.
 */
export function emitSchemaFiles(files: readonly string[], schemakitTypes: string): Map<string, string> {
  const ts = require('typescript') as typeof TS;
  const options = compileOptions(ts, schemakitTypes);
  const program = ts.createProgram({ rootNames: files, options, host: sharingHost(ts, options, schemakitTypes) });
  return emitJs(
    program,
    files.map((f) => program.getSourceFile(f)).filter((sf): sf is TS.SourceFile => sf !== undefined),
  );
}
