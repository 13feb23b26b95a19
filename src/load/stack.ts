import * as path from 'node:path';

/** Formats a place in a file as `file:line[:col]`, relative to the working directory when inside it. */
export function formatPlace(file: string, line: number, column?: number): string {
  const rel = path.relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return column === undefined ? `${shown}:${line}` : `${shown}:${line}:${column}`;
}

const FRAME = /(?:\(|at )((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/;

/** The first stack frame of an error that lies in one of `files`, as `file:line`. */
export function errorPlace(err: unknown, files: ReadonlySet<string>): string | undefined {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  for (const line of stack.split('\n')) {
    const [, where, lineNo] = FRAME.exec(line.trim()) ?? [];
    if (where === undefined) continue;
    const file = where.startsWith('file://') ? decodeURIComponent(new URL(where).pathname) : where;
    if (files.has(file)) return formatPlace(file, Number(lineNo));
  }
  return undefined;
}
