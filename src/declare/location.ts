import * as path from 'node:path';

/** Where a declaration was made, as `file:line` (file relative to the working directory when inside it). */
export type Location = string;

/**
 * Frames in this folder are the declaration API itself. When running compiled code with source maps on,
 * frames of `dist/src/declare/*.js` are shown as `src/declare/*.ts`, so both folders are skipped.
 */
const ownDirs = [__dirname, path.resolve(__dirname, '..', '..', '..', 'src', 'declare')].filter(
  (d, i) => i === 0 || __dirname.endsWith(path.join('dist', 'src', 'declare')),
);
const FRAME = /(?:\(|at )((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/;

/** Parses one stack frame line into file and line, or null for native/internal frames. */
export function parseFrame(line: string): { file: string; line: number; column: number } | null {
  const m = FRAME.exec(line.trim());
  if (!m) return null;
  let file = m[1];
  if (file.startsWith('file://')) file = decodeURIComponent(new URL(file).pathname);
  if (file.startsWith('node:') || !path.isAbsolute(file)) return null;
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/** Formats a file and line the way every problem names its place. */
export function formatLocation(file: string, line: number): Location {
  const rel = path.relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return `${shown}:${line}`;
}

/**
 * Captures the call site of a declaration function: the first stack frame outside this folder (the
 * declaration API itself). The loader enables source maps, so the frame points at the `.ts` schema file.
 */
export function captureLocation(): Location | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const frame = parseFrame(line);
    if (!frame) continue;
    if (ownDirs.includes(path.dirname(frame.file))) continue;
    return formatLocation(frame.file, frame.line);
  }
  return null;
}
