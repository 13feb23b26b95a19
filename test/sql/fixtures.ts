import { plainColumn, plainTable, type Column, type Constraint, type Enum, type Index, type IndexKey, type Table } from '../../src/model';

/** Builders of model objects for tests, with every optional fact defaulted. */
export const col = (name: string, type: string, extra: Partial<Column> = {}): Column => ({
  kind: 'Column',
  name,
  type,
  notNull: false,
  default: null,
  identity: null,
  generated: null,
  collation: null,
  comment: null,
  ...plainColumn,
  ...extra,
});

export const table = (schema: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  kind: 'Table',
  schema,
  name,
  columns,
  comment: null,
  ...plainTable,
  ...extra,
});

export const pk = (schema: string, tbl: string, name: string, columns: string[]): Constraint => ({
  kind: 'PrimaryKey',
  schema,
  table: tbl,
  name,
  columns,
  deferrable: false,
  initiallyDeferred: false,
  comment: null,
});

export const unique = (schema: string, tbl: string, name: string, columns: string[], extra: Partial<Constraint & { kind: 'Unique' }> = {}): Constraint => ({
  kind: 'Unique',
  schema,
  table: tbl,
  name,
  columns,
  nullsNotDistinct: false,
  deferrable: false,
  initiallyDeferred: false,
  comment: null,
  ...extra,
});

export const check = (schema: string, tbl: string, name: string, expression: string, noInherit = false): Constraint => ({
  kind: 'Check',
  schema,
  table: tbl,
  name,
  expression,
  noInherit,
  deferrable: false,
  initiallyDeferred: false,
  comment: null,
});

export const fk = (
  schema: string,
  tbl: string,
  name: string,
  columns: string[],
  refTable: string,
  refColumns: string[],
  extra: Partial<Constraint & { kind: 'ForeignKey' }> = {},
): Constraint => ({
  kind: 'ForeignKey',
  schema,
  table: tbl,
  name,
  columns,
  refSchema: schema,
  refTable,
  refColumns,
  onUpdate: 'no-action',
  onDelete: 'no-action',
  match: 'simple',
  deferrable: false,
  initiallyDeferred: false,
  comment: null,
  ...extra,
});

export const key = (column: string | null, extra: Partial<IndexKey> = {}): IndexKey => ({
  column,
  expression: null,
  opclass: null,
  collation: null,
  descending: false,
  nullsFirst: false,
  ...extra,
});

export const index = (schema: string, tbl: string, name: string, keys: IndexKey[], extra: Partial<Index> = {}): Index => ({
  kind: 'Index',
  schema,
  table: tbl,
  name,
  unique: false,
  method: 'btree',
  keys,
  include: [],
  where: null,
  nullsNotDistinct: false,
  comment: null,
  ...extra,
});

export const enumOf = (schema: string, name: string, values: string[]): Enum => ({ kind: 'Enum', schema, name, values, comment: null });
