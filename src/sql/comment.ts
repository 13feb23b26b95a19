import type { CommentTarget } from '../model';
import { assertNever } from '../util';
import { ident, literal, qualified } from './quote';

export type { CommentTarget } from '../model';

/** The object part of `COMMENT ON <object> IS …`. */
export function commentTargetSql(t: CommentTarget): string {
  switch (t.kind) {
    case 'Schema':
      return `SCHEMA ${ident(t.name)}`;
    case 'Extension':
      return `EXTENSION ${ident(t.name)}`;
    case 'Enum':
      return `TYPE ${qualified(t.schema, t.name)}`;
    case 'Table':
      return `TABLE ${qualified(t.schema, t.name)}`;
    case 'Column':
      return `COLUMN ${qualified(t.schema, t.table)}.${ident(t.name)}`;
    case 'Index':
      return `INDEX ${qualified(t.schema, t.name)}`;
    case 'Constraint':
      return `CONSTRAINT ${ident(t.name)} ON ${qualified(t.schema, t.table)}`;
    case 'View':
      return `${t.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${qualified(t.schema, t.name)}`;
    case 'Routine':
      return `${t.procedure ? 'PROCEDURE' : 'FUNCTION'} ${qualified(t.schema, t.name)}(${t.identityArgs})`;
    case 'Trigger':
      return `TRIGGER ${ident(t.name)} ON ${qualified(t.schema, t.table)}`;
    case 'Rule':
      return `RULE ${ident(t.name)} ON ${qualified(t.schema, t.table)}`;
    case 'EventTrigger':
      return `EVENT TRIGGER ${ident(t.name)}`;
    case 'Publication':
      return `PUBLICATION ${ident(t.name)}`;
    case 'ForeignServer':
      return `SERVER ${ident(t.name)}`;
    case 'ForeignTable':
      return `FOREIGN TABLE ${qualified(t.schema, t.name)}`;
    case 'Sequence':
      return `SEQUENCE ${qualified(t.schema, t.name)}`;
    case 'Domain':
      return `DOMAIN ${qualified(t.schema, t.name)}`;
    case 'CompositeType':
    case 'RangeType':
      return `TYPE ${qualified(t.schema, t.name)}`;
    case 'TextSearchDictionary':
      return `TEXT SEARCH DICTIONARY ${qualified(t.schema, t.name)}`;
    case 'TextSearchConfiguration':
      return `TEXT SEARCH CONFIGURATION ${qualified(t.schema, t.name)}`;
    case 'Statistics':
      return `STATISTICS ${qualified(t.schema, t.name)}`;
    case 'Collation':
      return `COLLATION ${qualified(t.schema, t.name)}`;
    case 'Aggregate':
      return `AGGREGATE ${qualified(t.schema, t.name)}(${t.args})`;
    case 'Policy':
      return `POLICY ${ident(t.name)} ON ${qualified(t.schema, t.table)}`;
    default:
      return assertNever(t, 'comment target');
  }
}

/** `COMMENT ON <object> IS 'text'`, or `IS NULL` to remove it. */
export function commentSql(target: CommentTarget, text: string | null): string {
  return `COMMENT ON ${commentTargetSql(target)} IS ${text === null ? 'NULL' : literal(text)}`;
}
