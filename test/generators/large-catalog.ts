import { plainColumn, plainTable, type Catalog, type Column, type Constraint, type Table } from '../../src/model';
import { present } from '../support/present';

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const col = (name: string, type: string, notNull = false): Column => ({
  kind: 'Column',
  name,
  type,
  notNull,
  default: null,
  identity: null,
  generated: null,
  collation: null,
  comment: null,
  ...plainColumn,
});
const base = { deferrable: false, initiallyDeferred: false, comment: null };
const TYPES = ['text', 'integer', 'boolean', 'timestamp with time zone', 'numeric(12,2)', 'jsonb', 'date', 'uuid'];
const WORDS = ['account', 'order', 'invoice', 'payment', 'product', 'shipment', 'ticket', 'asset', 'lead', 'device', 'report', 'review'];

/** Options of largeCatalog: the sizes of the connected components of the main schema, and more. */
export interface LargeCatalogOptions {
  readonly schema?: string;
  /** Tables per connected component; each is made of modules of ~`module` tables linked mostly inside. */
  readonly components?: readonly number[];
  /** Tables without any foreign key. */
  readonly isolated?: number;
  /** Lookup tables in a second schema (`ref`) that tables of every component reference. */
  readonly lookups?: number;
  readonly module?: number;
  readonly seed?: number;
}

/**
 * A generated catalog for the large-schema docs tests: one schema of several connected components (each a
 * chain of modules whose tables reference earlier tables of their module, a few the module before, and the
 * component's first table, a hub), isolated tables, and a small `ref` schema of lookups. Deterministic.
 */
export function largeCatalog(options: LargeCatalogOptions = {}): Catalog {
  const schema = options.schema ?? 'big';
  const rnd = prng(options.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => present(xs[Math.floor(rnd() * xs.length)]);
  const moduleSize = options.module ?? 24;
  const tables: Table[] = [];
  const constraints: Constraint[] = [];
  const lookups = Array.from({ length: options.lookups ?? 8 }, (_, i) => `lookup_${i + 1}`);
  const add = (s: string, name: string, refs: readonly (readonly [string, string])[]) => {
    const columns = [col('id', 'bigint', true)];
    const extra = 2 + Math.floor(rnd() * 5);
    for (let i = 0; i < extra; i++) columns.push(col(`${pick(WORDS)}_${i}`, present(pick(TYPES))));
    refs.forEach(([, rt], i) => {
      columns.push(col(`${rt}_id`.slice(0, 40) + (i ? `_${i}` : ''), 'bigint', rnd() < 0.6));
    });
    tables.push({ kind: 'Table', schema: s, name, columns, comment: rnd() < 0.3 ? `The ${name} records.` : null, ...plainTable });
    constraints.push({ kind: 'PrimaryKey', schema: s, table: name, name: `${name}_pkey`, columns: ['id'], ...base });
    refs.forEach(([rs, rt], i) => {
      const c = present(columns[1 + extra + i]).name;
      constraints.push({
        kind: 'ForeignKey',
        schema: s,
        table: name,
        name: `${name}_${c}_fkey`,
        columns: [c],
        refSchema: rs,
        refTable: rt,
        refColumns: ['id'],
        onUpdate: 'no-action',
        onDelete: 'no-action',
        match: 'simple',
        ...base,
      });
    });
  };
  for (const l of lookups) add('ref', l, []);
  (options.components ?? [220, 150, 100, 60, 30, 12]).forEach((size, k) => {
    const names = Array.from({ length: size }, (_, i) => `c${k + 1}_${pick(WORDS)}_${String(i + 1).padStart(3, '0')}`);
    names.forEach((name, i) => {
      const refs: (readonly [string, string])[] = [];
      if (i > 0) {
        const moduleStart = Math.floor(i / moduleSize) * moduleSize;
        const inModule = i - moduleStart;
        // The module's first table links to the module before (so the component stays connected).
        if (inModule === 0) refs.push([schema, present(names[moduleStart - 1 - Math.floor(rnd() * Math.min(moduleSize, moduleStart))])]);
        else refs.push([schema, present(names[moduleStart + Math.floor(rnd() * inModule)])]);
        if (inModule > 1 && rnd() < 0.5) refs.push([schema, present(names[moduleStart + Math.floor(rnd() * inModule)])]);
        if (rnd() < 0.08) refs.push([schema, present(names[0])]);
      }
      if (lookups.length && rnd() < 0.15) refs.push(['ref', pick(lookups)]);
      add(schema, name, [...new Map(refs.map((r) => [r.join('.'), r])).values()]);
    });
  });
  for (let i = 0; i < (options.isolated ?? 20); i++) add(schema, `standalone_${String(i + 1).padStart(2, '0')}`, []);
  return {
    kind: 'Catalog',
    schemas: [
      { kind: 'Schema', name: schema, comment: 'A generated large schema' },
      { kind: 'Schema', name: 'ref', comment: 'Lookups' },
    ],
    extensions: [],
    enums: [],
    tables,
    indexes: [],
    constraints,
    views: [],
    routines: [],
    triggers: [],
    eventTriggers: [],
    rules: [],
    sequences: [],
    domains: [],
    compositeTypes: [],
    collations: [],
    aggregates: [],
    rangeTypes: [],
    statistics: [],
    textSearchDictionaries: [],
    textSearchConfigurations: [],
    policies: [],
    grants: null,
    publications: [],
    foreignServers: [],
    foreignTables: [],
  };
}
