import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../util';
import { commentlessHash, hasCommentDirectives } from './strip-comments';

/**
 * The state of the last successful type check of a schema folder, per file: what an edit needs to check
 * again only the files it can affect (see typecheck-incremental.ts) and the emitted JavaScript of every file
 * (so an unchanged folder is evaluated without the compiler). Stored in `.schemakit/cache/typecheck-state.json`
 * under `env`, which changes with the TypeScript version, schemakit's version and build (the compiler options
 * live in the build) and the declaration API's types: any other `env` is a miss, as is anything unreadable.
 */
export interface CheckState {
  readonly env: string;
  readonly files: Readonly<Record<string, FileState>>;
}

/** What the state knows of one schema file (by absolute path). */
export interface FileState {
  /** SHA-256 of the file's text. */
  readonly hash: string;
  /**
   * The file's syntax without comments and layout (the hash of its printed syntax tree), or its whole text's
   * hash when it holds `@ts-` directives: files that import it need no new check while it is unchanged.
   */
  readonly shape: string;
  /**
   * Where its syntax sits: the hash of every node's kind, start and end (line and column). With the shape,
   * what its evaluation can depend on (declaration sites are lines of the file): an edit that keeps both (a
   * comment changed or added where no code moves) evaluates to the same declarations (only the text of a
   * function holding the comment, as `Function.prototype.toString` gives it, would differ: the declaration API
   * reads none).
   */
  readonly layout: string;
  /** Its text's hash with comments blanked out (commentlessHash), null when that cannot be read without the parser. */
  readonly commentless: string | null;
  /** Whether its comments can act on the check (hasCommentDirectives). */
  readonly directives: boolean;
  /** The schema files it imports (absolute paths, by TypeScript's module resolution). */
  readonly imports: readonly string[];
  /**
   * A module that reaches nothing outside the schema files but `schemakit` and packages: no global script,
   * `declare global`/`declare module`, triple-slash reference, or import of another local file. While any file
   * is not, every edit checks the whole folder.
   */
  readonly standalone: boolean;
}

/** SHA-256 of each schema file's text, by file. */
export function fileHashes(files: readonly string[]): Map<string, string> {
  return new Map(files.map((f) => [f, sha256(fs.readFileSync(f, 'utf8'))]));
}

/** The content key of a schema folder: every file's hash and the declaration API's types (path, size, time). */
export function typecheckCacheKey(hashes: ReadonlyMap<string, string>, schemakitTypes: string): string {
  const parts = [schemakitTypes, statKey(schemakitTypes)];
  for (const f of [...hashes.keys()].sort()) parts.push(f, hashes.get(f) ?? '');
  return sha256(parts.join('\0'));
}

/**
 * What a stored state must have been made under: TypeScript's version, schemakit's version and build (the
 * compiler options are in `typecheck.js`) and the declaration API's types. Known without loading the compiler.
 */
export function checkStateEnv(schemakitTypes: string): string {
  let tsVersion = 'unknown';
  try {
    tsVersion = (JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')) as { version?: string }).version ?? tsVersion;
  } catch {
    // no compiler installed: the check will say so
  }
  const build = [path.join(__dirname, 'typecheck.js'), path.join(__dirname, 'typecheck-incremental.js'), path.join(__dirname, '..', '..', '.tsbuildinfo')];
  return sha256(['typecheck-state-v1', tsVersion, schemakitVersion(), schemakitTypes, statKey(schemakitTypes), ...build.map(statKey)].join('\0'));
}

function schemakitVersion(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'schemakit') return pkg.version ?? '';
    } catch {
      // not here: keep looking
    }
  }
  return '';
}

function statKey(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

const STATE_FILE = 'typecheck-state.json';

/** The stored state, or undefined. */
export function readCheckState(cacheDir: string): CheckState | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(path.join(cacheDir, STATE_FILE), 'utf8')) as CheckState;
    return typeof state.env === 'string' && typeof state.files === 'object' && state.files !== null ? state : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `state` was made under `env` for as many files as `hashes` holds (each file is compared by the caller). */
function sameFolder(state: CheckState | undefined, env: string, hashes: ReadonlyMap<string, string>): state is CheckState {
  return state !== undefined && state.env === env && Object.keys(state.files).length === hashes.size;
}

/** Whether `state` was made under `env` for exactly these files, unchanged. */
export function isCurrent(state: CheckState | undefined, env: string, hashes: ReadonlyMap<string, string>): state is CheckState {
  if (!sameFolder(state, env, hashes)) return false;
  for (const [f, hash] of hashes) if (state.files[f]?.hash !== hash) return false;
  return true;
}

/**
 * The state after edits of comments alone that moved no code in files without comment directives (the same
 * commentlessHash): their syntax, layout and imports are unchanged, so is every diagnostic and evaluation.
 * Told without the compiler; undefined when anything else changed.
 */
export function afterCommentEdits(state: CheckState | undefined, env: string, hashes: ReadonlyMap<string, string>): CheckState | undefined {
  if (!sameFolder(state, env, hashes)) return undefined;
  const files: Record<string, FileState> = { ...state.files };
  for (const [f, hash] of hashes) {
    const known = state.files[f];
    if (!known?.standalone) return undefined;
    if (known.hash === hash) continue;
    if (known.directives || known.commentless === null) return undefined;
    const text = fs.readFileSync(f, 'utf8');
    if (sha256(text) !== hash || hasCommentDirectives(text) || commentlessHash(text) !== known.commentless) return undefined;
    files[f] = { ...known, hash };
  }
  return { env, files };
}

/**
 * The key of what evaluating the checked files gives: every file's shape and layout. Files whose edits moved
 * no code keep it, so their evaluated declarations are still those cached under it.
 */
export function evaluationKey(state: CheckState): string {
  const parts = ['evaluation-v1'];
  for (const f of Object.keys(state.files).sort()) parts.push(f, state.files[f]?.shape ?? '', state.files[f]?.layout ?? '');
  return sha256(parts.join('\0'));
}

/** Stores the state (atomically), dropping the whole-folder entries of earlier builds; best effort. */
export function writeCheckState(cacheDir: string, state: CheckState): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const f of fs.readdirSync(cacheDir)) if (/^typecheck-[0-9a-f]+\.json$/.test(f)) fs.rmSync(path.join(cacheDir, f), { force: true });
    const file = path.join(cacheDir, STATE_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(state));
    fs.renameSync(tmp, file);
  } catch {
    // best effort
  }
}

const JS_DIR = 'typecheck-js';
const jsFile = (cacheDir: string, file: string, hash: string) => path.join(cacheDir, JS_DIR, `${sha256(`${file}\0${hash}`)}.js`);

/**
 * Stores the JavaScript emitted for files (by content: file and text hash), and drops the entries of
 * `replaced` (file → its former hash), or, when `replaced` is absent, every entry not written now.
 */
export function writeEmitted(
  cacheDir: string,
  emitted: ReadonlyMap<string, string>,
  hashes: ReadonlyMap<string, string>,
  replaced?: ReadonlyMap<string, string>,
): void {
  try {
    fs.mkdirSync(path.join(cacheDir, JS_DIR), { recursive: true });
    const written = new Set<string>();
    for (const [file, js] of emitted) {
      const hash = hashes.get(file);
      if (hash === undefined) continue;
      const target = jsFile(cacheDir, file, hash);
      fs.writeFileSync(`${target}.${process.pid}.tmp`, js);
      fs.renameSync(`${target}.${process.pid}.tmp`, target);
      written.add(path.basename(target));
    }
    if (replaced) {
      for (const [file, hash] of replaced) if (hashes.get(file) !== hash) fs.rmSync(jsFile(cacheDir, file, hash), { force: true });
    } else {
      for (const f of fs.readdirSync(path.join(cacheDir, JS_DIR))) if (!written.has(f)) fs.rmSync(path.join(cacheDir, JS_DIR, f), { force: true });
    }
  } catch {
    // best effort
  }
}

/** The stored JavaScript of the files with these hashes; a file without is left out (the loader transpiles it). */
export function readEmitted(cacheDir: string, hashes: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, hash] of hashes) {
    try {
      out.set(file, fs.readFileSync(jsFile(cacheDir, file, hash), 'utf8'));
    } catch {
      // not stored: transpiled when evaluated
    }
  }
  return out;
}
