import type { AlterColumn, Change, RecreateEnum } from '../diff';
import { columnKey, constraintKey, dedupeCommand, relKey, type Constraint, type ForeignKey, type Index, nameKey } from '../model';
import { analyzeTypeChange, type Plan } from '../plan';
import { zip } from '../util';
import { ident, indexKeySql, literal, parens, qualified, storageType } from '../sql';
import { enumValueChecks } from './preflight-enum';

/** What a pre-flight check found, by kind. User-facing: kebab-case. */
export type PreflightKind =
  | 'orphan-rows'
  | 'duplicate-keys'
  | 'null-keys'
  | 'nulls'
  | 'cast-failures'
  | 'too-long'
  | 'check-violations'
  | 'enum-value-in-use'
  | 'rows-without-value'
  /** Values a lossy conversion would store changed (a `deletes-data` step): reported, not a failure. */
  | 'values-change';

/** One data check of a step: SQL counting the rows that would make the step fail, and a few examples. */
export interface PreflightCheck {
  readonly kind: PreflightKind;
  /** 0-based index of the step in the plan. */
  readonly step: number;
  readonly object: string;
  /** `SELECT count(*) AS n …`. */
  readonly countSql: string;
  /** `SELECT … AS v … LIMIT 3`: examples of offending values, or null. */
  readonly sampleSql: string | null;
  /** The report line given the count: "FK … → …: 12 orphan rows". */
  readonly describe: (n: number) => string;
  /** Needs the plpgsql cast helper (see castHelperSql). */
  readonly castHelper: boolean;
  /** A command that clears the offending rows (duplicates: `schemakit dedupe …`), when there is one. */
  readonly remedy?: string;
}

/** Names as they are in the database before the plan: the plan's table and column renames undone. */
interface Names {
  table(schema: string, table: string): string;
  column(schema: string, table: string, column: string): string;
}

function namesBefore(plan: Plan): Names {
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const s of plan.steps) {
    const c = s.change;
    if (c.kind === 'RenameTable') tables.set(nameKey(c.schema, c.to), c.from);
    if (c.kind === 'RenameColumn') columns.set(nameKey(c.schema, c.table, c.to), c.from);
  }
  return {
    table: (schema, table) => tables.get(nameKey(schema, table)) ?? table,
    column: (schema, table, column) => columns.get(nameKey(schema, table, column)) ?? column,
  };
}

/** Facts about the plan the checks need: which tables and columns it creates. */
interface Scope {
  readonly names: Names;
  readonly newTables: ReadonlySet<string>;
  readonly newColumns: ReadonlySet<string>;
  /** PostgreSQL ≥ 16 has pg_input_is_valid. */
  readonly inputIsValid: boolean;
  /**
   * Enums the plan creates or recreates, by their qualified name, with their declared labels: a conversion
   * to one is checked against the labels (the type does not exist, or not yet in that form, before the plan).
   */
  readonly planEnums: ReadonlyMap<string, readonly string[]>;
  /** The plan's changes. */
  readonly changes: readonly Change[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The plan's steps that may fail on data, each mapped to the checks that predict it (one set per change). */
export function preflightChecks(plan: Plan, serverVersion: number): PreflightCheck[] {
  const scope: Scope = {
    names: namesBefore(plan),
    newTables: new Set(plan.steps.flatMap((s) => (s.change.kind === 'CreateTable' ? [relKey(s.change.table)] : []))),
    newColumns: new Set(plan.steps.flatMap((s) => (s.change.kind === 'AddColumn' ? [columnKey(s.change.schema, s.change.table, s.change.column.name)] : []))),
    inputIsValid: serverVersion >= 160000,
    changes: plan.steps.map((s) => s.change),
    planEnums: new Map(
      plan.steps.flatMap((s) => {
        const c = s.change;
        if (c.kind === 'CreateEnum') return [[qualified(c.enum.schema, c.enum.name), c.enum.values] as const];
        return c.kind === 'RecreateEnum' ? [[qualified(c.to.schema, c.to.name), c.to.values] as const] : [];
      }),
    ),
  };
  const seen = new Set<Change>();
  const out: PreflightCheck[] = [];
  plan.steps.forEach((s, i) => {
    if (seen.has(s.change) || !s.hazards.some((h) => h.kind === 'may-fail-on-data' || (h.kind === 'deletes-data' && s.change.kind === 'AlterColumn'))) return;
    seen.add(s.change);
    out.push(...checksOf(s.change, i, scope));
  });
  return out;
}

function checksOf(c: Change, step: number, scope: Scope): PreflightCheck[] {
  switch (c.kind) {
    case 'AddConstraint':
      return constraintChecks(c.constraint, step, scope);
    case 'CreateIndex':
      return c.index.unique ? indexChecks(c.index, step, scope) : [];
    case 'AlterColumn':
      return alterColumnChecks(c, step, scope);
    case 'AddColumn': {
      if (scope.newTables.has(nameKey(c.schema, c.table))) return [];
      const t = qualified(c.schema, scope.names.table(c.schema, c.table));
      return [
        {
          kind: 'rows-without-value',
          step,
          object: columnKey(c.schema, c.table, c.column.name),
          castHelper: false,
          countSql: `SELECT count(*) AS n FROM ${t}`,
          sampleSql: null,
          describe: (n) => `ADD COLUMN ${c.table}.${c.column.name} NOT NULL without a default: ${plural(n, 'existing row')} would hold NULL`,
        },
      ];
    }
    case 'RecreateEnum':
      return enumChecks(c, step, scope);
    default:
      return [];
  }
}

/** True when the check can run: the table exists before the plan and none of the columns is new. */
function checkable(scope: Scope, schema: string, table: string, columns: readonly string[]): boolean {
  return !scope.newTables.has(nameKey(schema, table)) && !columns.some((c) => scope.newColumns.has(columnKey(schema, table, c)));
}

/** `a IS NOT NULL AND b IS NOT NULL` over qualified columns. */
const allNotNull = (cols: readonly string[], alias: string) => cols.map((c) => `${alias}.${ident(c)} IS NOT NULL`).join(' AND ');
/** A key as one text: the value, or `(a,b)` for several columns. */
const keyText = (cols: readonly string[], alias: string) =>
  cols.length === 1 ? `${cols.map((c) => `${alias}.${ident(c)}`).join(', ')}::text` : `ROW(${cols.map((c) => `${alias}.${ident(c)}`).join(', ')})::text`;

function constraintChecks(k: Constraint, step: number, scope: Scope): PreflightCheck[] {
  // An exclusion constraint's conflicts depend on its operators; the statement itself reports them.
  if (k.kind === 'Exclusion') return [];
  const object = constraintKey(k);
  const cols = k.kind === 'Check' ? [] : k.columns.map((c) => scope.names.column(k.schema, k.table, c));
  if (!checkable(scope, k.schema, k.table, k.kind === 'Check' ? [] : k.columns)) return [];
  const t = `${qualified(k.schema, scope.names.table(k.schema, k.table))} AS t`;
  switch (k.kind) {
    case 'ForeignKey':
      return [foreignKeyCheck(k, cols, t, step, scope)];
    case 'Check':
      return [
        {
          kind: 'check-violations',
          step,
          object,
          castHelper: false,
          countSql: `SELECT count(*) AS n FROM ${t} WHERE NOT ${parens(k.expression)}`,
          sampleSql: null,
          describe: (n) => `CHECK ${k.name} on ${k.schema}.${k.table}: ${plural(n, 'row violates', 'rows violate')} it`,
        },
      ];
    case 'Unique':
    case 'PrimaryKey': {
      const what = k.kind === 'PrimaryKey' ? 'PRIMARY KEY' : 'UNIQUE';
      const filter = k.kind === 'Unique' && k.nullsNotDistinct ? '' : `WHERE ${allNotNull(cols, 't')}`;
      const groups = `FROM ${t} ${filter} GROUP BY ${cols.map((c) => `t.${ident(c)}`).join(', ')} HAVING count(*) > 1`;
      const out: PreflightCheck[] = [
        {
          kind: 'duplicate-keys',
          step,
          object,
          castHelper: false,
          countSql: `SELECT count(*) AS n FROM (SELECT 1 ${groups}) AS d`,
          sampleSql: `SELECT ${keyText(cols, 't')} AS v ${groups} LIMIT 3`,
          describe: (n) => `${what} (${cols.join(', ')}) on ${k.schema}.${k.table}: ${plural(n, 'duplicate group')}`,
          remedy: dedupeCommand(k.schema, scope.names.table(k.schema, k.table), cols),
        },
      ];
      if (k.kind === 'PrimaryKey') {
        out.push({
          kind: 'null-keys',
          step,
          object,
          castHelper: false,
          countSql: `SELECT count(*) AS n FROM ${t} WHERE NOT (${allNotNull(cols, 't')})`,
          sampleSql: null,
          describe: (n) => `PRIMARY KEY (${cols.join(', ')}) on ${k.schema}.${k.table}: ${plural(n, 'row has', 'rows have')} NULL in the key`,
        });
      }
      return out;
    }
  }
}

/**
 * Rows whose key is not in the referenced table (MATCH SIMPLE: rows with a NULL in the key are exempt;
 * MATCH FULL: only all-NULL keys are). A referenced table the plan creates is empty.
 */
function foreignKeyCheck(k: ForeignKey, cols: readonly string[], t: string, step: number, scope: Scope): PreflightCheck {
  const refNew = scope.newTables.has(nameKey(k.refSchema, k.refTable));
  const refCols = k.refColumns.map((c) => scope.names.column(k.refSchema, k.refTable, c));
  const ref = qualified(k.refSchema, scope.names.table(k.refSchema, k.refTable));
  const on = zip(refCols, cols, `columns of ${k.name}`).map(([rc, c]) => `r.${ident(rc)} = t.${ident(c)}`);
  const missing = refNew ? 'true' : `NOT EXISTS (SELECT 1 FROM ${ref} AS r WHERE ${on.join(' AND ')})`;
  const where =
    k.match === 'full'
      ? `NOT (${cols.map((c) => `t.${ident(c)} IS NULL`).join(' AND ')}) AND (NOT (${allNotNull(cols, 't')}) OR ${missing})`
      : `${allNotNull(cols, 't')} AND ${missing}`;
  return {
    kind: 'orphan-rows',
    step,
    object: constraintKey(k),
    castHelper: false,
    countSql: `SELECT count(*) AS n FROM ${t} WHERE ${where}`,
    sampleSql: `SELECT DISTINCT ${keyText(cols, 't')} AS v FROM ${t} WHERE ${where} LIMIT 3`,
    describe: (n) => `FK ${k.schema}.${k.table}.${cols.join(', ')} → ${k.refSchema}.${k.refTable}: ${plural(n, 'orphan row')}`,
  };
}

function indexChecks(i: Index, step: number, scope: Scope): PreflightCheck[] {
  const plain = i.keys.map((k) => k.column).filter((c): c is string => c !== null);
  if (!checkable(scope, i.schema, i.table, plain)) return [];
  const t = qualified(i.schema, scope.names.table(i.schema, i.table));
  const keys = i.keys.map((k) => (k.column !== null ? ident(scope.names.column(i.schema, i.table, k.column)) : parens(k.expression ?? '')));
  const conds = [...(i.nullsNotDistinct ? [] : keys.map((k) => `${k} IS NOT NULL`)), ...(i.where !== null ? [parens(i.where)] : [])];
  const groups = `FROM ${t} ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} GROUP BY ${keys.join(', ')} HAVING count(*) > 1`;
  return [
    {
      kind: 'duplicate-keys',
      step,
      object: relKey(i),
      castHelper: false,
      countSql: `SELECT count(*) AS n FROM (SELECT 1 ${groups}) AS d`,
      sampleSql: `SELECT ${keys.length === 1 ? `(${keys[0]})::text` : `ROW(${keys.join(', ')})::text`} AS v ${groups} LIMIT 3`,
      describe: (n) => `UNIQUE INDEX ${i.name} (${i.keys.map(indexKeySql).join(', ')}) on ${i.schema}.${i.table}: ${plural(n, 'duplicate group')}`,
      ...(i.where === null && i.keys.every((k) => k.column !== null)
        ? {
            remedy: dedupeCommand(
              i.schema,
              scope.names.table(i.schema, i.table),
              i.keys.map((k) => scope.names.column(i.schema, i.table, k.column!)),
            ),
          }
        : {}),
    },
  ];
}

/** A conversion to an enum the plan creates: values (or array elements) outside its declared labels. */
function enumLabelsCheck(c: AlterColumn, step: number, scope: Scope, toType: string, labels: readonly string[]): PreflightCheck {
  const { schema, table, to } = c;
  const object = columnKey(schema, table, to.name);
  const t = qualified(schema, scope.names.table(schema, table));
  const col = ident(scope.names.column(schema, table, to.name));
  const list = labels.length === 0 ? 'NULL' : labels.map(literal).join(', ');
  const [from, value] = toType.endsWith('[]') ? [`${t}, unnest(${col}::text[]) AS v`, 'v'] : [t, `${col}::text`];
  const where = `${value} IS NOT NULL AND ${value} NOT IN (${list})`;
  return {
    kind: 'cast-failures',
    step,
    object,
    castHelper: false,
    countSql: `SELECT count(*) AS n FROM ${from} WHERE ${where}`,
    sampleSql: `SELECT left(${value}, 40) AS v FROM ${from} WHERE ${where} LIMIT 3`,
    describe: (n) =>
      `cast ${storageType(c.from.type)} → ${toType} on ${object}: ${plural(n, 'value is', 'values are')} not a label of the enum the plan creates`,
  };
}

/** `character varying(n)` / `character(n)` (not arrays): the length limit, else null. */
function lengthLimit(type: string): number | null {
  const m = /^(character varying|character|bit varying|bit)\((\d+)\)$/.exec(type);
  return m ? Number(m[2]) : null;
}

const TEXTUAL = /^(text|character varying(\(\d+\))?|character(\(\d+\))?)$/;

function alterColumnChecks(c: AlterColumn, step: number, scope: Scope): PreflightCheck[] {
  const { schema, table, from, to } = c;
  if (!checkable(scope, schema, table, [to.name])) return [];
  const object = columnKey(schema, table, to.name);
  const t = qualified(schema, scope.names.table(schema, table));
  const col = ident(scope.names.column(schema, table, to.name));
  const out: PreflightCheck[] = [];
  const [fromType, toType] = [storageType(from.type), storageType(to.type)];
  const change = fromType !== toType ? analyzeTypeChange(to.name, fromType, toType) : null;
  // A conversion by function (integers ↔ timestamps as epoch seconds) is not a cast the helper can try.
  const byFunction = change?.using != null && !change.using.startsWith(`${ident(to.name)}::`);
  if (change !== null && change.mayFail && !byFunction) {
    const limit = lengthLimit(toType);
    const labels = scope.planEnums.get(toType.replace(/\[\]$/, ''));
    if (labels !== undefined) out.push(enumLabelsCheck(c, step, scope, toType, labels));
    else if (limit !== null) {
      const where = `char_length(${col}::text) > ${limit}`;
      out.push({
        kind: 'too-long',
        step,
        object,
        castHelper: false,
        countSql: `SELECT count(*) AS n FROM ${t} WHERE ${where}`,
        sampleSql: `SELECT left(${col}::text, 40) AS v FROM ${t} WHERE ${where} LIMIT 3`,
        describe: (n) => `${fromType} → ${toType} on ${object}: ${plural(n, 'value is', 'values are')} too long`,
      });
    } else {
      // pg_input_is_valid (PostgreSQL ≥ 16) parses text without raising; other casts, and PostgreSQL 15,
      // go through the plpgsql helper, which runs the real cast and catches its error.
      const helper = !(scope.inputIsValid && TEXTUAL.test(fromType));
      const bad = helper
        ? `NOT pg_temp.schemakit_casts(${col}::text, ${literal(fromType)}, ${literal(toType)})`
        : `NOT pg_input_is_valid(${col}::text, ${literal(toType)})`;
      const where = `${col} IS NOT NULL AND ${bad}`;
      out.push({
        kind: 'cast-failures',
        step,
        object,
        castHelper: helper,
        countSql: `SELECT count(*) AS n FROM ${t} WHERE ${where}`,
        sampleSql: `SELECT left(${col}::text, 40) AS v FROM ${t} WHERE ${where} LIMIT 3`,
        describe: (n) => `cast ${fromType} → ${toType} on ${object}: ${plural(n, 'value does', 'values do')} not convert`,
      });
    }
  }
  if (change !== null && change.lossy) out.push(lossyCheck(c, step, scope));
  if (to.notNull && !from.notNull) {
    out.push({
      kind: 'nulls',
      step,
      object,
      castHelper: false,
      countSql: `SELECT count(*) AS n FROM ${t} WHERE ${col} IS NULL`,
      sampleSql: null,
      describe: (n) => `SET NOT NULL ${object}: ${plural(n, 'null')}`,
    });
  }
  return out;
}

/**
 * Rows whose value the conversion would store changed: converted with the plan's own USING expression and
 * back, compared with the original (`12.34` → `12` → `12.00`). Values that do not convert at all make the
 * query fail; the cast-failure check counts those.
 */
function lossyCheck(c: AlterColumn, step: number, scope: Scope): PreflightCheck {
  const { schema, table } = c;
  const [fromType, toType] = [storageType(c.from.type), storageType(c.to.type)];
  const name = scope.names.column(schema, table, c.to.name);
  const t = qualified(schema, scope.names.table(schema, table));
  const forward = analyzeTypeChange(name, fromType, toType).using ?? `${ident(name)}::${toType}`;
  const back = analyzeTypeChange('w', toType, fromType).using ?? `w::${fromType}`;
  const pairs = `(SELECT ${ident(name)} AS v, (${forward}) AS w FROM ${t}) AS s WHERE v IS NOT NULL AND (${back}) IS DISTINCT FROM v`;
  const object = columnKey(schema, table, c.to.name);
  return {
    kind: 'values-change',
    step,
    object,
    castHelper: false,
    countSql: `SELECT count(*) AS n FROM ${pairs}`,
    sampleSql: `SELECT left(v::text, 40) || ' → ' || left(w::text, 40) AS v FROM ${pairs} LIMIT 3`,
    describe: (n) => `${fromType} → ${toType} on ${object}: ${plural(n, 'value', 'values')} would be stored changed`,
  };
}

/** Rows holding a label the enum loses, in its columns and in those of the domains and composite types over it. */
function enumChecks(c: RecreateEnum, step: number, scope: Scope): PreflightCheck[] {
  const names = { ...scope.names, checkable: (schema: string, table: string, columns: readonly string[]) => checkable(scope, schema, table, columns) };
  return enumValueChecks(c, scope.changes, names).map((x) => ({ kind: 'enum-value-in-use' as const, step, castHelper: false, ...x }));
}

/**
 * `pg_temp.schemakit_casts(value, from, to)`: true when `value::from::to` succeeds. A temporary function
 * (gone with the session), used where pg_input_is_valid is missing (PostgreSQL 15) or is not the cast.
 */
export const castHelperSql = `CREATE OR REPLACE FUNCTION pg_temp.schemakit_casts(v text, src text, dst text) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('SELECT ($1::%s)::%s', src, dst) USING v;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END
$fn$`;
