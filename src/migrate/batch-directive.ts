import { parseTableName } from '../sql';
import { SchemakitError } from '../util';

/**
 * How a batched statement walks its table: keyset ranges of at most `size` keys of `table` in `key` order
 * (never OFFSET, which rescans everything skipped), each range committed on its own, `sleepMs` between two.
 */
export interface BatchSpec {
  /** null when the directive names the table without a schema: looked up through `search_path` when it runs. */
  readonly schema: string | null;
  readonly table: string;
  /** The key column; null: the table's single-column primary key (looked up when the statement runs). */
  readonly key: string | null;
  readonly size: number;
  readonly sleepMs: number;
}

/** Batch size when the directive gives none. */
export const DEFAULT_BATCH_SIZE = 1000;

const KEYS = ['table', 'key', 'size', 'sleep'];

/** `250ms`, `2s`, `0`: milliseconds. */
function parseDuration(text: string): number | null {
  const m = /^(\d+)(ms|s)?$/.exec(text);
  return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : null;
}

/**
 * Parses the arguments of a `-- schemakit:batch table=public.users key=id size=1000 sleep=50ms` line
 * (`where` is `file:line`, named in every problem). Values are `key=value` words, names quoted as in SQL
 * (`table="My Schema"."T" key="Id"`). Every problem is reported at once.
 */
export function parseBatchDirective(args: string, where: string): BatchSpec {
  const problems: string[] = [];
  const values = new Map<string, string>();
  // Words split on spaces outside double quotes: `table="My Schema"."T"` is one word.
  for (const word of args.match(/(?:[^\s"]|"(?:[^"]|"")*")+/g) ?? []) {
    const eq = word.indexOf('=');
    const k = eq < 0 ? word : word.slice(0, eq);
    if (eq < 0 || !KEYS.includes(k)) problems.push(`"${word}": expected one of ${KEYS.map((x) => `${x}=…`).join(', ')}`);
    else values.set(k, word.slice(eq + 1));
  }
  let name: { schema: string | null; table: string } | null = null;
  const table = values.get('table');
  if (table === undefined) problems.push('table=SCHEMA.TABLE is required (the table whose keys the batches walk)');
  else {
    try {
      const parsed = parseTableName(table);
      // parseTableName says `public` for a bare name; keep it unqualified (a fleet tenant's own table).
      name = { schema: /^(?:"(?:[^"]|"")+"|[^."]+)\./.test(table) ? parsed.schema : null, table: parsed.table };
    } catch (e) {
      problems.push((e as Error).message.replace(/^sql: /, ''));
    }
  }
  const size = values.has('size') ? Number(values.get('size')) : DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) problems.push(`size=${values.get('size')}: a positive whole number of keys per batch`);
  const sleepMs = values.has('sleep') ? parseDuration(values.get('sleep')!) : 0;
  if (sleepMs === null) problems.push(`sleep=${values.get('sleep')}: a duration such as 50ms or 1s`);
  const rawKey = values.get('key');
  const key = rawKey === undefined ? null : rawKey.startsWith('"') ? rawKey.slice(1, -1).replace(/""/g, '"') : rawKey;
  if (key === '') problems.push('key=: name the key column');
  if (problems.length > 0 || name === null || sleepMs === null) {
    throw new SchemakitError('migrate', 'bad-batch', `${where}: schemakit:batch: ${problems.join('; ')}`, {
      problems: problems.map((message) => ({ code: 'bad-batch', location: where, message })),
    });
  }
  return { schema: name.schema, table: name.table, key, size, sleepMs };
}
