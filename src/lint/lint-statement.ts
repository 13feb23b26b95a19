import { VOLATILE_DEFAULT, type Hazard, type LockMode, type TableLock } from '../plan';
import { stripComments, tokenize, type SqlToken } from '../sql';
import { statementLabel } from './lint-label';

/**
 * What one hand-written statement does to tables, read from its tokens: the locks it takes (and whether it
 * rewrites or scans), its hazards, and whether it sets lock_timeout. Only the statements that matter for
 * locking are recognized (CREATE/DROP INDEX, ALTER TABLE actions, DROP TABLE, TRUNCATE, unbounded UPDATE and
 * DELETE, LOCK, VACUUM FULL, CLUSTER, REINDEX); anything else yields nothing. Plans carry the same facts as
 * typed data set by the planner; this is for migration files, which have only text.
 */
export interface StatementFacts {
  /** The statement on one line, without comments, cut at 120 characters. */
  readonly label: string;
  readonly locks: readonly TableLock[];
  readonly hazards: readonly StatementHazard[];
  /** `SET [SESSION|LOCAL] lock_timeout …`. */
  readonly setsLockTimeout: boolean;
  /** The table a `CREATE TABLE` makes, else null. */
  readonly creates: string | null;
  /** The table an `INSERT INTO`, `COPY … FROM` or `CREATE TABLE … AS` puts rows into, else null. */
  readonly fills: string | null;
}

class Cursor {
  i = 0;
  constructor(readonly t: readonly SqlToken[]) {}
  peek(k = 0): SqlToken | undefined {
    return this.t[this.i + k];
  }
  is(...words: string[]): boolean {
    return words.every((w, k) => this.t[this.i + k]?.kind === 'word' && this.t[this.i + k]?.upper === w);
  }
  eat(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.i += words.length;
    return true;
  }
  /** `name` or `schema.name` (bare names lower-cased, as Postgres folds them). */
  name(): string | null {
    const part = () => {
      const x = this.peek();
      if (x?.kind === 'word') {
        this.i++;
        return x.text.toLowerCase();
      }
      if (x?.kind === 'quoted') {
        this.i++;
        return x.text;
      }
      return null;
    };
    const a = part();
    if (a === null) return null;
    if (this.peek()?.text === '.') {
      this.i++;
      const b = part();
      return b === null ? a : `${a}.${b}`;
    }
    return a;
  }
}

const lock = (table: string, mode: LockMode, what: { rewrite?: boolean; scan?: boolean } = {}): TableLock => ({
  table,
  mode,
  rewrite: what.rewrite ?? false,
  scan: what.scan ?? what.rewrite ?? false,
});
/** A hazard of a statement, with the table it is about (a column's hazard names the column in its message). */
export interface StatementHazard extends Hazard {
  readonly table: string;
}

const hz = (kind: Hazard['kind'], object: string, message: string, table = object): StatementHazard => ({ kind, message: `${object}: ${message}`, table });

/** Splits ALTER TABLE actions at top-level commas (the lexer's depth, not a second count). */
function actions(tokens: readonly SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [];
  let current: SqlToken[] = [];
  const top = tokens[0]?.depth ?? 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ',' && t.depth === top) {
      out.push(current);
      current = [];
    } else current.push(t);
  }
  out.push(current);
  return out.filter((a) => a.length > 0);
}

/** True when `t` is the word `upper` (case-folded). */
const isWord = (t: SqlToken | undefined, upper: string) => t?.kind === 'word' && t.upper === upper;

const has = (tokens: readonly SqlToken[], ...words: string[]) => tokens.some((_, i) => words.every((w, k) => isWord(tokens[i + k], w)));

const LENGTH_TYPES = [['VARCHAR'], ['CHARACTER', 'VARYING'], ['CHARACTER'], ['CHAR'], ['BPCHAR'], ['BIT', 'VARYING'], ['BIT'], ['VARBIT']];

/** `::varchar(5)` (or char(n), bit(n), …) after USING: the cast that truncates instead of failing, else null. */
function lengthCast(a: readonly SqlToken[]): string | null {
  const at = a.findIndex((t) => t.kind === 'word' && t.upper === 'USING');
  if (at < 0) return null;
  for (let i = at + 1; i < a.length; i++) {
    if (a[i]?.text !== '::') continue;
    const words = LENGTH_TYPES.find((w) => w.every((x, k) => isWord(a[i + 1 + k], x)));
    if (words && a[i + 1 + words.length]?.text === '(') return `${words.join(' ').toLowerCase()}(${a[i + 2 + words.length]?.text ?? ''})`;
  }
  return null;
}

/** One ALTER TABLE action on `table`. */
function alterAction(table: string, a: SqlToken[], facts: { locks: TableLock[]; hazards: StatementHazard[] }): void {
  const c = new Cursor(a);
  const text = a.map((t) => t.text).join(' ');
  const push = (l: TableLock, ...h: StatementHazard[]) => {
    facts.locks.push(l);
    facts.hazards.push(...h);
  };
  if (c.eat('ADD')) {
    const constraint = c.is('CONSTRAINT') || c.is('PRIMARY') || c.is('UNIQUE') || c.is('CHECK') || c.is('FOREIGN') || c.is('EXCLUDE');
    if (constraint) {
      if (c.eat('CONSTRAINT')) c.name();
      const notValid = has(a, 'NOT', 'VALID');
      if (c.is('FOREIGN')) {
        const ref = a.findIndex((t) => t.upper === 'REFERENCES');
        const refTable = ref >= 0 ? new Cursor(a.slice(ref + 1)).name() : null;
        push(
          lock(table, 'SHARE ROW EXCLUSIVE', { scan: !notValid }),
          ...(notValid
            ? []
            : [
                hz(
                  'may-fail-on-data',
                  table,
                  'adding a foreign key without NOT VALID checks every row while writes wait; add it NOT VALID, then VALIDATE CONSTRAINT',
                ),
              ]),
        );
        if (refTable !== null) facts.locks.push(lock(refTable, 'SHARE ROW EXCLUSIVE'));
      } else if (c.is('CHECK')) {
        push(
          lock(table, 'ACCESS EXCLUSIVE', { scan: !notValid }),
          ...(notValid
            ? []
            : [
                hz(
                  'may-fail-on-data',
                  table,
                  'adding a check without NOT VALID scans the table under ACCESS EXCLUSIVE; add it NOT VALID, then VALIDATE CONSTRAINT',
                ),
              ]),
        );
      } else if (has(a, 'USING', 'INDEX')) {
        push(lock(table, 'ACCESS EXCLUSIVE'));
      } else {
        push(
          lock(table, 'ACCESS EXCLUSIVE', { scan: true }),
          hz(
            'index-build',
            table,
            "builds the key's index under ACCESS EXCLUSIVE; build it with CREATE UNIQUE INDEX CONCURRENTLY and add the constraint USING INDEX",
          ),
          hz('may-fail-on-data', table, 'fails if existing rows have duplicates'),
        );
      }
      return;
    }
    c.eat('COLUMN');
    c.eat('IF', 'NOT', 'EXISTS');
    const column = c.name() ?? '?';
    const object = `${table}.${column}`;
    const rest = a.slice(c.i);
    const restText = rest.map((t) => t.text).join(' ');
    const serial = rest[0]?.kind === 'word' && /^(small|big)?serial$/i.test(rest[0].text);
    const rewrite = serial || has(rest, 'GENERATED') || (has(rest, 'DEFAULT') && VOLATILE_DEFAULT.test(restText));
    const notNull = has(rest, 'NOT', 'NULL') && !has(rest, 'DEFAULT') && !has(rest, 'GENERATED') && !serial;
    push(
      lock(table, 'ACCESS EXCLUSIVE', { rewrite }),
      ...(rewrite
        ? [hz('table-rewrite', object, 'adding a column with a volatile default, identity, serial or generated value rewrites the table', table)]
        : []),
      ...(notNull ? [hz('may-fail-on-data', object, 'NOT NULL without a default fails if the table has rows', table)] : []),
    );
    return;
  }
  if (c.eat('DROP')) {
    if (c.eat('CONSTRAINT')) return void push(lock(table, 'ACCESS EXCLUSIVE'));
    c.eat('COLUMN');
    c.eat('IF', 'EXISTS');
    const column = c.name() ?? '?';
    return void push(lock(table, 'ACCESS EXCLUSIVE'), hz('deletes-data', `${table}.${column}`, 'dropping the column deletes its data', table));
  }
  if (c.eat('ALTER')) {
    c.eat('COLUMN');
    const column = c.name() ?? '?';
    const object = `${table}.${column}`;
    if (c.is('TYPE') || c.is('SET', 'DATA', 'TYPE')) {
      const cut = lengthCast(a);
      return void push(
        lock(table, 'ACCESS EXCLUSIVE', { rewrite: true }),
        hz('table-rewrite', object, 'changing the type rewrites the table (unless binary coercible, e.g. varchar widening)', table),
        hz('may-fail-on-data', object, 'existing values may not convert', table),
        ...(cut
          ? [
              hz(
                'deletes-data',
                object,
                `the explicit cast to ${cut} in USING truncates longer values silently; cast without the length (Postgres then fails on values that do not fit)`,
                table,
              ),
            ]
          : []),
      );
    }
    if (c.is('SET', 'NOT', 'NULL')) {
      return void push(
        lock(table, 'ACCESS EXCLUSIVE', { scan: true }),
        hz(
          'may-fail-on-data',
          object,
          'SET NOT NULL scans the table under ACCESS EXCLUSIVE and fails on nulls (a validated CHECK (col IS NOT NULL) lets PostgreSQL ≥ 12 skip the scan)',
          table,
        ),
      );
    }
    return void push(lock(table, 'ACCESS EXCLUSIVE'));
  }
  if (c.eat('VALIDATE', 'CONSTRAINT')) return void push(lock(table, 'SHARE UPDATE EXCLUSIVE', { scan: true }));
  if (/^SET (STATISTICS|\()/i.test(text) || c.is('CLUSTER', 'ON')) return void push(lock(table, 'SHARE UPDATE EXCLUSIVE'));
  push(lock(table, 'ACCESS EXCLUSIVE'));
}

/** Facts of one statement (see StatementFacts). */
export function analyzeStatement(sql: string): StatementFacts {
  const tokens = tokenize(sql);
  const c = new Cursor(tokens);
  const label = statementLabel(stripComments(sql));
  const facts = { locks: [] as TableLock[], hazards: [] as StatementHazard[] };
  const done = (rows: { creates?: string | null; fills?: string | null } = {}): StatementFacts => ({
    label,
    ...facts,
    setsLockTimeout: false,
    creates: rows.creates ?? null,
    fills: rows.fills ?? null,
  });
  if (c.eat('SET')) {
    if (!c.eat('SESSION')) c.eat('LOCAL');
    return { label, locks: [], hazards: [], setsLockTimeout: c.is('LOCK_TIMEOUT'), creates: null, fills: null };
  }
  if (c.eat('INSERT', 'INTO') || c.eat('COPY')) return done({ fills: tokens[0]?.upper === 'COPY' && !has(tokens, 'FROM') ? null : c.name() });
  if (c.eat('CREATE')) {
    if (!c.eat('UNLOGGED') && !c.eat('TEMP')) c.eat('TEMPORARY');
    if (c.eat('TABLE')) {
      c.eat('IF', 'NOT', 'EXISTS');
      const created = c.name();
      // CREATE TABLE … AS (a top-level AS after the optional column list) fills it unless WITH NO DATA.
      const top = tokens.slice(c.i).filter((t) => t.depth === 0 && t.kind === 'word');
      const filled = top.some((t) => t.upper === 'AS') && !has(top, 'WITH', 'NO', 'DATA');
      return done({ creates: created, fills: filled ? created : null });
    }
    const unique = c.eat('UNIQUE');
    if (!c.eat('INDEX')) return done();
    const concurrently = c.eat('CONCURRENTLY');
    c.eat('IF', 'NOT', 'EXISTS');
    if (!c.is('ON')) c.name();
    if (!c.eat('ON')) return done();
    c.eat('ONLY');
    const table = c.name() ?? '?';
    facts.locks.push(lock(table, concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE', { scan: true }));
    if (!concurrently) facts.hazards.push(hz('index-build', table, 'CREATE INDEX without CONCURRENTLY blocks writes while it builds'));
    if (unique) facts.hazards.push(hz('may-fail-on-data', table, 'a unique index fails if existing rows have duplicates'));
    return done();
  }
  if (c.eat('ALTER', 'TABLE')) {
    c.eat('IF', 'EXISTS');
    c.eat('ONLY');
    const table = c.name() ?? '?';
    for (const a of actions(tokens.slice(c.i))) alterAction(table, a, facts);
    return done();
  }
  if (c.eat('DROP', 'TABLE')) {
    c.eat('IF', 'EXISTS');
    for (const a of actions(tokens.slice(c.i))) {
      const name = new Cursor(a).name() ?? '?';
      facts.locks.push(lock(name, 'ACCESS EXCLUSIVE'));
      facts.hazards.push(hz('deletes-data', name, 'dropping the table deletes all its rows'));
    }
    return done();
  }
  if (c.eat('DROP', 'INDEX')) {
    const concurrently = c.eat('CONCURRENTLY');
    c.eat('IF', 'EXISTS');
    const name = c.name() ?? '?';
    // The index's table is not named; the lock is reported on the index name.
    facts.locks.push(lock(name, concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'ACCESS EXCLUSIVE'));
    return done();
  }
  if (c.eat('TRUNCATE')) {
    c.eat('TABLE');
    c.eat('ONLY');
    const name = c.name() ?? '?';
    facts.locks.push(lock(name, 'ACCESS EXCLUSIVE'));
    facts.hazards.push(hz('deletes-data', name, 'TRUNCATE deletes all rows'));
    return done();
  }
  if (c.is('UPDATE') || c.is('DELETE', 'FROM')) {
    if (!c.eat('UPDATE')) c.eat('DELETE', 'FROM');
    c.eat('ONLY');
    const name = c.name() ?? '?';
    const unbounded = !has(tokens, 'WHERE');
    facts.locks.push(lock(name, 'ROW EXCLUSIVE', { scan: unbounded }));
    if (unbounded && tokens[0]?.upper === 'DELETE') facts.hazards.push(hz('deletes-data', name, 'DELETE without WHERE deletes every row'));
    return done();
  }
  if (c.eat('LOCK')) {
    c.eat('TABLE');
    const name = c.name() ?? '?';
    const mode = tokens
      .slice(c.i)
      .filter((t) => t.kind === 'word' && t.upper !== 'IN' && t.upper !== 'MODE' && t.upper !== 'NOWAIT')
      .map((t) => t.upper)
      .join(' ');
    facts.locks.push(lock(name, (mode || 'ACCESS EXCLUSIVE') as LockMode));
    return done();
  }
  if (c.eat('VACUUM', 'FULL') || c.eat('CLUSTER')) {
    const name = c.name();
    if (name !== null) facts.hazards.push(hz('table-rewrite', name, 'rewrites the table under ACCESS EXCLUSIVE'));
    if (name !== null) facts.locks.push(lock(name, 'ACCESS EXCLUSIVE', { rewrite: true }));
    return done();
  }
  if (c.eat('REINDEX')) {
    if (!c.eat('TABLE')) c.eat('INDEX');
    const concurrently = c.eat('CONCURRENTLY');
    const name = c.name() ?? '?';
    facts.locks.push(lock(name, concurrently ? 'SHARE UPDATE EXCLUSIVE' : 'SHARE', { scan: true }));
    return done();
  }
  return done();
}
