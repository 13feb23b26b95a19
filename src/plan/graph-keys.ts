import type { Dependency } from '../model';
import { assertNever, lexSql, nameOf, sqlTokens, stringValue, type Lexeme } from '../util';

/**
 * Keys of the plan's dependency graph. Each names one thing in the database a step creates, drops or
 * needs. Relations (tables, indexes, the indexes behind PK/UNIQUE constraints, sequences) share one key
 * space per schema, as they share one name space in Postgres; so do types (enums and tables' row types).
 */
const key = (...parts: string[]) => JSON.stringify(parts);

export const schemaNode = (name: string) => key('schema', name);
export const extensionNode = (name: string) => key('extension', name);
export const typeNode = (schema: string, name: string) => key('type', schema, name);
export const relNode = (schema: string, name: string) => key('rel', schema, name);
export const columnNode = (schema: string, table: string, column: string) => key('column', schema, table, column);
/**
 * A unique key over columns (PK, UNIQUE, or a plain unique index): what a foreign key referencing those
 * columns needs to exist. Column order does not matter to the reference, so the columns are sorted.
 */
export const uniqueKeyNode = (schema: string, table: string, columns: readonly string[]) => key('unique-key', schema, table, ...[...columns].sort());
export const constraintNode = (schema: string, table: string, name: string) => key('constraint', schema, table, name);
/** Rows of a reference table written (`data`) or deleted (`data-delete`) by the plan. */
export const dataNode = (what: 'data' | 'data-delete', schema: string, table: string) => key(what, schema, table);
export const policyNode = (schema: string, table: string, name: string) => key('policy', schema, table, name);

/**
 * The parts of a name written `a`, `a.b`, … (quoted or bare, as written: no case folding) followed by
 * `trailing` lexemes only; null when the text is anything else.
 */
function nameParts(text: string, trailing: (t: Lexeme) => boolean = () => false): string[] | null {
  const lexemes = lexSql(text);
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const [lexeme, dot] = [lexemes[i], lexemes[i + 1]];
    const part = lexeme ? nameOf(lexeme) : null;
    if (part === null) return null;
    parts.push(part);
    if (dot?.text !== '.' || dot.kind !== 'punct') break;
    i += 2;
  }
  return lexemes.slice(i + 1).every(trailing) ? parts : null;
}

/**
 * The user type a column type refers to, when it is written schema-qualified (`public.status`,
 * `"My"."Type"[]`), as introspected catalogs print it; null for built-in and unqualified types.
 */
export function userTypeOf(type: string): { schema: string; name: string } | null {
  const parts = nameParts(type.trim(), (t) => t.kind === 'punct' && (t.text === '[' || t.text === ']'));
  const [schema, name, ...more] = parts ?? [];
  if (schema === undefined || name === undefined || more.length > 0 || schema === 'pg_catalog') return null;
  return { schema, name };
}

/** Graph keys of the user types a column type needs. */
export function typeNeeds(type: string): string[] {
  const u = userTypeOf(type);
  return u === null ? [] : [typeNode(u.schema, u.name)];
}

/**
 * A column's type (and collation): changed in place by ALTER COLUMN … TYPE, which views reading the column
 * forbid. One key per kind of change converting it (`alter`: AlterColumn, `enum`: RecreateEnum), as one plan
 * may convert a column twice and each key must have a single step that drops and creates it.
 */
export const columnTypeNode = (schema: string, table: string, column: string, via: 'alter' | 'enum') => key('column-type', schema, table, column, via);
/**
 * An enum's identity while it is recreated (renamed aside, created anew): views and routines using the type
 * are dropped before and created after. Separate from typeNode so that columns, which are converted in
 * between, are not ordered around it.
 */
export const typeShapeNode = (schema: string, name: string) => key('type-shape', schema, name);
/** A function or procedure, by its identity arguments (overloads share a name). */
export const routineNode = (schema: string, name: string, identityArgs: string) => key('routine', schema, name, identityArgs);
/**
 * A routine's name, all overloads: dropped by a DROP and created by a CREATE, so that a routine whose
 * signature changes is dropped under the old one before it is created under the new (a call matching both
 * overloads would be ambiguous in between, and in the down script too).
 */
export const routineNameNode = (schema: string, name: string) => key('routine-name', schema, name);
export const triggerNode = (schema: string, table: string, name: string) => key('trigger', schema, table, name);
export const eventTriggerNode = (name: string) => key('event-trigger', name);
export const ruleNode = (schema: string, table: string, name: string) => key('rule', schema, table, name);
export const publicationNode = (name: string) => key('publication', name);
export const foreignServerNode = (name: string) => key('foreign-server', name);

/**
 * Graph keys of what a view or routine reads (pg_depend): the relation of a column too, and a column's
 * type, so that the reader is dropped before the column changes type and created again after.
 */
export function dependencyNeeds(deps: readonly Dependency[]): string[] {
  return deps.flatMap((d) => {
    switch (d.kind) {
      case 'relation':
        return [relNode(d.schema, d.name)];
      case 'column':
        return [
          relNode(d.schema, d.table),
          columnNode(d.schema, d.table, d.name),
          columnTypeNode(d.schema, d.table, d.name, 'alter'),
          columnTypeNode(d.schema, d.table, d.name, 'enum'),
        ];
      case 'type':
        return [typeNode(d.schema, d.name), typeShapeNode(d.schema, d.name)];
      case 'routine':
        return [routineNode(d.schema, d.name, d.args)];
      case 'text-search-configuration':
        return [textSearchNode('TextSearchConfiguration', d.schema, d.name)];
      default:
        return assertNever(d, 'dependency');
    }
  });
}

export const collationNode = (schema: string, name: string) => key('collation', schema, name);
/** Extended statistics (a name space of their own per schema). */
export const statisticsNode = (schema: string, name: string) => key('statistics', schema, name);
/** Text search dictionaries and configurations (a name space each per schema). */
export const textSearchNode = (kind: 'TextSearchDictionary' | 'TextSearchConfiguration', schema: string, name: string) => key(kind, schema, name);

/**
 * Graph keys of the routines an expression calls by a qualified name (`app.f(…)`: with search_path = ''
 * Postgres prints every call outside pg_catalog so): the routine is created first and dropped after.
 */
export function routineCallNeeds(sql: string | null): string[] {
  if (sql === null) return [];
  const tokens = sqlTokens(sql);
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    const fn = tokens[i + 2];
    if (tokens[i - 1]?.text === '.' || tokens[i + 1]?.text !== '.' || fn === undefined || tokens[i + 3]?.text !== '(') return;
    const [schema, name] = [nameOf(t, true), nameOf(fn, true)];
    if (schema !== null && name !== null && schema !== 'pg_catalog') out.add(routineNameNode(schema, name));
  });
  return [...out];
}

/** Graph key of a user collation named as a column or attribute prints it (`public.ci`); none for pg_catalog's. */
export function collationNeeds(collation: string | null): string[] {
  const u = collation === null ? null : userTypeOf(collation);
  return u === null ? [] : [collationNode(u.schema, u.name)];
}

/**
 * Graph keys of the sequences an expression takes values from: `nextval('s.seq'::regclass)` as Postgres
 * prints it, or `nextval('seq')` as a user may write it (then in `public`, where the search path finds it).
 */
export function sequenceNeeds(sql: string | null): string[] {
  if (sql === null) return [];
  const out: string[] = [];
  const tokens = sqlTokens(sql);
  tokens.forEach((t, i) => {
    const arg = tokens[i + 2];
    if (t.kind !== 'word' || t.text.toLowerCase() !== 'nextval' || tokens[i + 1]?.text !== '(' || arg?.kind !== 'string') return;
    const cast = tokens[i + 3]?.text === '::' && tokens[i + 4]?.text.toLowerCase() === 'regclass' ? 2 : 0;
    if (tokens[i + 3 + cast]?.text !== ')') return;
    const [first, second, ...more] = nameParts(stringValue(arg)) ?? [];
    if (first === undefined || more.length > 0) return;
    out.push(second === undefined ? relNode('public', first) : relNode(first, second));
  });
  return out;
}
