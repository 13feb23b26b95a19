import { findSourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mappedPosition } from '../util';

/** Where a declaration was made, as `file:line` (file relative to the working directory when inside it). */
export type Location = string;

/** Frames in this folder are the declaration API itself (call sites are read unmapped, as `.js` when compiled). */
const ownDir = __dirname;

/** Formats a file and line the way every problem names its place. */
export function formatLocation(file: string, line: number): Location {
  const rel = path.relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return `${shown}:${line}`;
}

/**
 * Maps a generated position to its source: through the loader's registered files (util/source-lines, a
 * cheaper decoding of the same inline maps), else through the source map Node keeps (when source maps are on).
 */
function original(file: string, line: number, column: number): { file: string; line: number } {
  const registered = mappedPosition(file, line, column);
  if (registered) return registered;
  const map = findSourceMap(file);
  if (!map) return { file, line };
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined) return { file, line };
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
  return { file: source, line: entry.originalLine + 1 };
}

/**
 * The call sites of the code that called the declaration API, innermost first (at most `max`), as
 * `file:line`. Structured call sites are read (cheap) and only the frames kept are mapped through source
 * maps, so the loader's `.ts` schema files are named even though they run transpiled.
 */
export function captureSites(max = 3): Location[] {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let sites: NodeJS.CallSite[] = [];
  try {
    Error.prepareStackTrace = (_err, callSites) => callSites;
    Error.stackTraceLimit = 20;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, captureSites);
    sites = (holder.stack as NodeJS.CallSite[] | undefined) ?? [];
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  const out: Location[] = [];
  for (const site of sites) {
    let file = site.getFileName();
    const line = site.getLineNumber();
    if (!file || line === null) continue;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file) || path.dirname(file) === ownDir) continue;
    if (file.includes(`${path.sep}node_modules${path.sep}`) && out.length === 0) continue;
    const o = original(file, line, site.getColumnNumber() ?? 1);
    out.push(formatLocation(o.file, o.line));
    if (out.length >= max) break;
  }
  return out;
}

/** The call site of a declaration function: the first stack frame outside the declaration API. */
export function captureLocation(): Location | null {
  return captureSites(1)[0] ?? null;
}
