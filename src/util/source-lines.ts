import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Maps positions of generated JavaScript (schema files transpiled with an inline source map) back to their
 * source, as Node's `findSourceMap(file).findEntry()` does, for the files a loader registers. Node parses a
 * whole map into an array per segment the first time it is asked about a file, which was ~1 s of CPU for the
 * 1,000 files of a large schema (each declaration asks about its file); this reads only the generated
 * position and original line of each segment into plain arrays, once per file, when a position is asked.
 */
interface LineTable {
  readonly genLine: readonly number[];
  readonly genCol: readonly number[];
  /** Index into `sources`, -1 for a segment without a source. */
  readonly source: readonly number[];
  readonly origLine: readonly number[];
  readonly sources: readonly string[];
}

const generated = new Map<string, string>();
const tables = new Map<string, LineTable | null>();

/** Remembers the generated code of `file` (its inline source map is read only when a position is asked). */
export function registerGeneratedSource(file: string, code: string): void {
  generated.set(file, code);
  tables.delete(file);
}

/** Forgets every registered file (a loader calls it before evaluating a new set of files). */
export function forgetGeneratedSources(): void {
  generated.clear();
  tables.clear();
}

/**
 * The source file and 1-based line of a 1-based generated position of a registered file; `undefined` when the
 * file is not registered or its map is not an inline base64 one (the caller then asks Node). A position
 * before the first segment, or in a segment without a source, is the generated position itself.
 */
export function mappedPosition(file: string, line: number, column: number): { file: string; line: number } | undefined {
  let table = tables.get(file);
  if (table === undefined) {
    const code = generated.get(file);
    if (code === undefined) return undefined;
    table = decodeInlineMap(file, code);
    tables.set(file, table);
    generated.delete(file);
  }
  if (table === null) return undefined;
  const i = lastAtOrBefore(table, line - 1, column - 1);
  const s = i < 0 ? -1 : (table.source[i] ?? -1);
  const source = table.sources[s];
  if (source === undefined) return { file, line };
  return { file: source, line: (table.origLine[i] ?? 0) + 1 };
}

/** The index of the last segment at or before (line, column), both 0-based; -1 when there is none. */
function lastAtOrBefore(t: LineTable, line: number, column: number): number {
  let lo = 0;
  let hi = t.genLine.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = t.genLine[mid] ?? 0;
    if (l < line || (l === line && (t.genCol[mid] ?? 0) <= column)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const MAP_COMMENT = /\/[*/]#\s+sourceMappingURL=data:application\/json(?:;[^,;]*)*;base64,([A-Za-z0-9+/=]+)/g;

function decodeInlineMap(file: string, code: string): LineTable | null {
  let base64: string | undefined;
  for (const m of code.matchAll(MAP_COMMENT)) base64 = m[1];
  if (base64 === undefined) return null;
  try {
    const map = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as {
      mappings?: unknown;
      sources?: unknown;
      sourceRoot?: unknown;
      sections?: unknown;
    };
    if (map.sections !== undefined || typeof map.mappings !== 'string' || !Array.isArray(map.sources)) return null;
    const root = typeof map.sourceRoot === 'string' ? map.sourceRoot : '';
    const base = pathToFileURL(file);
    const sources = (map.sources as unknown[]).map((s) => {
      const url = new URL(root + String(s), base).href;
      return url.startsWith('file://') ? fileURLToPath(url) : path.resolve(path.dirname(file), url);
    });
    return decodeMappings(map.mappings, sources);
  } catch {
    return null;
  }
}

const BASE64 = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((c, i) => (BASE64[c.charCodeAt(0)] = i));

/** Decodes the `mappings` of a source map (VLQ segments) into a table sorted by generated position. */
function decodeMappings(mappings: string, sources: readonly string[]): LineTable | null {
  const genLine: number[] = [];
  const genCol: number[] = [];
  const source: number[] = [];
  const origLine: number[] = [];
  let at = 0;
  const vlq = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const digit = BASE64[mappings.charCodeAt(at++)] ?? -1;
      if (digit < 0) throw new Error('bad source map');
      result += (digit & 31) * 2 ** shift;
      shift += 5;
      if ((digit & 32) === 0) break;
    }
    return result % 2 === 1 ? -(result - 1) / 2 : result / 2;
  };
  const separator = () => at >= mappings.length || mappings[at] === ',' || mappings[at] === ';';
  let line = 0;
  let column = 0;
  let src = 0;
  let oLine = 0;
  let sorted = true;
  while (at < mappings.length) {
    const ch = mappings[at];
    if (ch === ';') {
      line++;
      column = 0;
      at++;
      continue;
    }
    if (ch === ',') {
      at++;
      continue;
    }
    column += vlq();
    const n = genLine.length;
    if (n > 0 && ((genLine[n - 1] ?? 0) > line || ((genLine[n - 1] ?? 0) === line && (genCol[n - 1] ?? 0) > column))) sorted = false;
    genLine.push(line);
    genCol.push(column);
    if (separator()) {
      source.push(-1);
      origLine.push(0);
      continue;
    }
    src += vlq();
    oLine += vlq();
    vlq(); // original column
    if (!separator()) vlq(); // name
    source.push(src);
    origLine.push(oLine);
  }
  if (sorted) return { genLine, genCol, source, origLine, sources };
  const order = genLine.map((_, i) => i).sort((a, b) => (genLine[a] ?? 0) - (genLine[b] ?? 0) || (genCol[a] ?? 0) - (genCol[b] ?? 0) || a - b);
  const pick = (xs: readonly number[]) => order.map((i) => xs[i] ?? 0);
  return { genLine: pick(genLine), genCol: pick(genCol), source: pick(source), origLine: pick(origLine), sources };
}
