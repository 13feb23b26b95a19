import { collectReplication, collectReplicationRenames, isReplicationDecl, replicationReach, type ReplicationDecl } from './collect-replication';
import {
  nameKey,
  sortCatalog,
  type DataCheck,
  type Enum,
  type NaturalKey,
  type TableExpectation,
  type Extension,
  type Renames,
  type Schema,
  type Table,
} from '../model';
import { SchemakitError, type Problem } from '../util';
import { STATE } from './builder';
import { buildColumns, columnLocation, buildConstraints, buildIndexes, primaryKeyColumns, type ResolvedTarget, type Sink } from './build-table';
import { ColumnRef } from './column-ref';
import type { ReferenceTarget } from './constraints';
import type { Declared } from './declared';
import { EnumDecl } from './enum';
import { DataCheckDecl, ExpectationDecl } from './expect';
import { buildProgrammable, isProgrammableDecl, reachableFrom, type ProgrammableDecl } from './collect-programmable';
import { makeObjectName } from './implicit-names';
import type { Location } from './location';
import { ExtensionDecl, SchemaDecl } from './schema';
import { TableDecl, type AnyTableDecl } from './table';
import { collectTypeObjects, isTypeObjectDecl, type TypeObjectDecl } from './collect-type-objects';
import { buildExclusions, buildPolicies, buildTableShape, shapeReferences } from './table-shape';
import { ReferenceDataDecl } from './reference-data';
import { TextSearchConfigurationDecl } from './text-search';

type Decl = SchemaDecl | ExtensionDecl | EnumDecl | AnyTableDecl | ProgrammableDecl | TypeObjectDecl | ExpectationDecl | DataCheckDecl | ReplicationDecl;

const isDecl = (v: unknown): v is Decl =>
  v instanceof SchemaDecl ||
  v instanceof ExtensionDecl ||
  v instanceof ExpectationDecl ||
  v instanceof DataCheckDecl ||
  v instanceof EnumDecl ||
  v instanceof TableDecl ||
  isProgrammableDecl(v) ||
  isTypeObjectDecl(v) ||
  isReplicationDecl(v);

/** Finds declarations among module exports, also inside exported arrays and plain objects (two levels). */
function findExported(modules: readonly Record<string, unknown>[], found: Set<Decl>, data?: Set<ReferenceDataDecl>): void {
  const visit = (v: unknown, depth: number): void => {
    if (isDecl(v)) found.add(v);
    else if (v instanceof ReferenceDataDecl) {
      data?.add(v);
      found.add(v.table);
    } else if (depth < 2 && Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (depth < 2 && v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
      Object.values(v).forEach((x) => visit(x, depth + 1));
    }
  };
  for (const m of modules) visit(m, 0);
}

/**
 * Resolves the lazy foreign key targets of a table (keys `column:<name>` and `fk:<i>`), adding problems
 * for targets that are not declarations (an import cycle or a typo) or have no key to point at.
 */
function resolveTargets(t: AnyTableDecl, problems: Problem[]): Map<string, { target: ResolvedTarget; table: AnyTableDecl }> {
  const out = new Map<string, { target: ResolvedTarget; table: AnyTableDecl }>();
  const resolve = (key: string, thunk: () => ReferenceTarget, columns: readonly string[] | null, object: string, location: Location | null) => {
    const fail = (message: string) => problems.push({ code: 'invalid-reference', message, object, ...(location ? { location } : {}) });
    let v: unknown;
    try {
      v = thunk();
    } catch (err) {
      return fail(`foreign key target could not be evaluated: ${err instanceof Error ? err.message : String(err)}`);
    }
    const refs = v instanceof ColumnRef ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof ColumnRef) ? (v as ColumnRef[]) : null;
    const first = refs?.[0];
    if (refs && first) {
      const owner = first.ownerTable();
      if (refs.some((r) => r.ownerTable() !== owner)) return fail('foreign key references columns of different tables');
      out.set(key, { table: owner, target: { refSchema: owner.schema, refTable: owner.name, refColumns: refs.map((r) => r.name) } });
    } else if (v instanceof TableDecl) {
      const refColumns = columns ?? primaryKeyColumns(v);
      if (refColumns.length === 0) return fail(`foreign key references ${v.schema}.${v.name}, which has no primary key: name the referenced columns`);
      out.set(key, { table: v, target: { refSchema: v.schema, refTable: v.name, refColumns } });
    } else {
      fail(`foreign key target is ${v === undefined ? 'undefined (not imported, or an import cycle?)' : 'not a table or column declaration'}`);
    }
  };
  for (const [col, b] of t.details.columns) {
    const r = b[STATE].references;
    if (r) resolve(`column:${col}`, r.target, null, `${t.schema}.${t.name}.${col}`, columnLocation(t, b));
  }
  t.details.foreignKeys.forEach((fk, i) => {
    const s = fk[STATE];
    if (s.target === null)
      problems.push({
        code: 'invalid-reference',
        message: 'foreign key without .references(…)',
        object: `${t.schema}.${t.name}`,
        ...(s.location ? { location: s.location } : {}),
      });
    else resolve(`fk:${i}`, s.target, s.targetColumns, `${t.schema}.${t.name}`, s.location);
  });
  return out;
}

/**
 * Collects the declarations exported by schema modules (and those only reachable from them: schemas,
 * enums, referenced tables) into a fully named, sorted catalog with rename intents and locations.
 * Throws SchemakitError('declare', 'invalid-reference') listing every unresolvable foreign key target.
 */
export function collectDeclarations(modules: readonly Record<string, unknown>[]): Declared {
  const found = new Set<Decl>();
  const data = new Set<ReferenceDataDecl>();
  findExported(modules, found, data);
  const problems: Problem[] = [];
  const targets = new Map<AnyTableDecl, Map<string, { target: ResolvedTarget; table: AnyTableDecl }>>();
  // Closure over references: the set grows while it is iterated, which Set iteration allows.
  for (const d of found) {
    if (d instanceof TableDecl) {
      if (d.details.schemaDecl) found.add(d.details.schemaDecl);
      for (const [, b] of d.details.columns) if (b[STATE].enumDecl) found.add(b[STATE].enumDecl);
      for (const [, b] of d.details.columns) if (b[STATE].typeDecl) found.add(b[STATE].typeDecl);
      const resolved = resolveTargets(d, problems);
      targets.set(d, resolved);
      for (const { table } of resolved.values()) found.add(table);
      for (const parent of shapeReferences(d)) found.add(parent);
    } else if (d instanceof EnumDecl) {
      if (d.details.schemaDecl) found.add(d.details.schemaDecl);
    } else if (d instanceof ExpectationDecl) {
      found.add(d.table);
    } else if (d instanceof ExtensionDecl) {
      if (d.schemaDecl) found.add(d.schemaDecl);
    } else if (isProgrammableDecl(d)) {
      for (const x of reachableFrom(d)) found.add(x);
    } else if (isTypeObjectDecl(d) && 'common' in d) {
      if (d.common.schemaDecl) found.add(d.common.schemaDecl);
      if (d instanceof TextSearchConfigurationDecl) for (const x of d.uses()) found.add(x);
    } else if (isReplicationDecl(d)) {
      for (const x of replicationReach(d)) if (isDecl(x)) found.add(x);
    }
  }
  if (problems.length > 0) {
    throw new SchemakitError('declare', 'invalid-reference', `${problems.length} invalid foreign key reference(s)`, { problems });
  }

  const locations = new Map<string, string>();
  const sink: Sink = {
    constraints: [],
    indexes: [],
    policies: [],
    logicalForeignKeys: [],
    renames: {
      tables: [],
      columns: [],
      indexes: [],
      constraints: [],
      enums: [],
      enumValues: [],
      enumRemaps: [],
      views: [],
      routines: [],
      triggers: [],
      policies: [],
      typeObjects: { sequences: [], types: [], collations: [], members: [] },
      objects: { foreignServers: [], publications: [], textSearchDictionaries: [], textSearchConfigurations: [], statistics: [], foreignColumns: [] },
    },
    locate(key, location) {
      if (location === null) return;
      let k = key;
      for (let n = 2; locations.has(k); n++) k = `${key}#${n}`;
      locations.set(k, location);
    },
  };
  const schemas: Schema[] = [];
  const extensions: Extension[] = [];
  const enums: Enum[] = [];
  const tables: Table[] = [];
  const all = [...found];
  for (const d of all) {
    if (d instanceof SchemaDecl) {
      schemas.push({ kind: 'Schema', name: d.name, comment: d.comment });
      sink.locate(d.name, d.location);
    } else if (d instanceof ExtensionDecl) {
      extensions.push({ kind: 'Extension', name: d.name, schema: d.schema, version: d.version, comment: d.comment });
      sink.locate(d.name, d.location);
    } else if (d instanceof EnumDecl) {
      enums.push({ kind: 'Enum', schema: d.schema, name: d.name, values: [...d.values], comment: d.details.comment });
      sink.locate(nameKey(d.schema, d.name), d.details.location);
      if (d.details.renamedFrom !== null) sink.renames.enums.push({ schema: d.schema, from: d.details.renamedFrom, to: d.name });
      for (const r of d.details.valueRenames) sink.renames.enumValues.push({ schema: d.schema, enum: d.name, ...r });
      if (Object.keys(d.details.remap).length > 0) sink.renames.enumRemaps.push({ schema: d.schema, enum: d.name, remap: d.details.remap });
    }
  }
  const tableDecls = all.filter((d): d is AnyTableDecl => d instanceof TableDecl);
  const docsAreas = tableDecls.flatMap((t) => (t.details.area !== null ? [{ schema: t.schema, table: t.name, area: t.details.area }] : []));
  const naturalKeys: NaturalKey[] = tableDecls
    .filter((t) => t.details.naturalKey !== null)
    .map((t) => ({ kind: 'NaturalKey', schema: t.schema, table: t.name, columns: t.details.naturalKey!, location: t.details.location }));
  const expectations: TableExpectation[] = all.filter((d): d is ExpectationDecl => d instanceof ExpectationDecl).flatMap((d) => d.resolve());
  const dataChecks: DataCheck[] = all.filter((d): d is DataCheckDecl => d instanceof DataCheckDecl).map((d) => d.check);
  const taken = namesTaken(tableDecls);
  for (const t of tableDecls) {
    const pk = primaryKeyColumns(t);
    tables.push({ kind: 'Table', schema: t.schema, name: t.name, columns: buildColumns(t, new Set(pk)), comment: t.details.comment, ...buildTableShape(t) });
    sink.locate(nameKey(t.schema, t.name), t.details.location);
    if (t.details.renamedFrom !== null) sink.renames.tables.push({ schema: t.schema, from: t.details.renamedFrom, to: t.name });
    for (const [col, b] of t.details.columns) {
      sink.locate(nameKey(t.schema, t.name, col), columnLocation(t, b));
      const from = b[STATE].renamedFrom;
      if (from !== null) sink.renames.columns.push({ schema: t.schema, table: t.name, from, to: col });
    }
    const resolved = targets.get(t);
    buildConstraints(t, (key) => resolved?.get(key)?.target ?? null, schemaSet(taken, t.schema), sink);
    buildExclusions(t, schemaSet(taken, t.schema), sink);
    buildPolicies(t, sink);
  }
  for (const t of tableDecls) buildIndexes(t, schemaSet(taken, t.schema), sink);

  const typeObjects = collectTypeObjects(all.filter(isTypeObjectDecl), sink, problems);
  if (problems.length > 0) throw new SchemakitError('declare', 'invalid-reference', `${problems.length} invalid reference(s)`, { problems });
  const programmable = buildProgrammable(all.filter(isProgrammableDecl), sink, (s) => schemaSet(taken, s));
  const tenantSchemas = [...new Set(all.filter((d): d is SchemaDecl => d instanceof SchemaDecl && d.tenant).map((d) => d.name))];
  if (tenantSchemas.length > 1) {
    throw new SchemakitError('declare', 'invalid-tenant', `only one schema can be a tenant template, not ${tenantSchemas.join(', ')}`, {
      problems: tenantSchemas.map((name) => ({ code: 'invalid-tenant', message: `schema(tenant('${name}')): a second tenant template`, object: name })),
    });
  }
  const catalog = sortCatalog({
    kind: 'Catalog',
    schemas,
    extensions,
    enums,
    tables,
    indexes: sink.indexes,
    constraints: sink.constraints,
    policies: sink.policies,
    ...programmable,
    ...typeObjects,
    ...collectReplication(all.filter(isReplicationDecl), (k, l) => sink.locate(k, l)),
  });
  // Foreign tables share the relations' name space and rename intents.
  for (const d of all.filter(isReplicationDecl)) {
    if (d.kind === 'ForeignTableDecl' && d.options.renamedFrom !== undefined)
      sink.renames.tables.push({ schema: d.schema, from: d.options.renamedFrom, to: d.name });
    collectReplicationRenames(d, sink.renames.objects);
  }
  // The intents of the newer kinds are left out when there are none (the Renames shape stays as it was).
  const { enumRemaps, typeObjects: typeRenames, objects: objectRenames, ...core } = sink.renames;
  const renames: Renames = {
    ...core,
    ...(enumRemaps.length > 0 ? { enumRemaps } : {}),
    ...(Object.values(typeRenames).some((xs) => xs.length > 0) ? { typeObjects: typeRenames } : {}),
    ...(Object.values(objectRenames).some((xs) => xs.length > 0) ? { objects: objectRenames } : {}),
  };
  return {
    catalog,
    renames,
    locations,
    integrity: { naturalKeys, logicalForeignKeys: sink.logicalForeignKeys, expectations, dataChecks },
    ...(tenantSchemas.length === 1 ? { tenantSchema: tenantSchemas[0] } : {}),
    ...(data.size > 0 ? { referenceData: [...data].map((d) => d.toSpec()) } : {}),
    ...(docsAreas.length > 0 ? { docsAreas } : {}),
  };
}

const schemaSet = (taken: Map<string, Set<string>>, schema: string): Set<string> => {
  let s = taken.get(schema);
  if (!s) taken.set(schema, (s = new Set()));
  return s;
};

/**
 * Names already used in each schema before implicit names are chosen: tables, explicitly named
 * constraints and indexes, and the `<table>_<column>_seq` sequences of serial and identity columns.
 */
function namesTaken(tables: readonly AnyTableDecl[]): Map<string, Set<string>> {
  const taken = new Map<string, Set<string>>();
  for (const t of tables) {
    const s = schemaSet(taken, t.schema);
    s.add(t.name);
    for (const [col, b] of t.details.columns) {
      const st = b[STATE];
      if (st.serial || st.identity !== null) s.add(makeObjectName(t.name, col, 'seq'));
      for (const named of [st.primaryKey?.name, st.unique?.name, st.references?.options.name, ...st.checks.map((ch) => ch.name)]) if (named) s.add(named);
    }
    const members = [
      t.details.primaryKey,
      ...t.details.uniques,
      ...t.details.checks,
      ...t.details.foreignKeys,
      ...t.details.indexes,
      ...t.details.shape.exclusions,
    ];
    for (const m of members) if (m && m[STATE].name) s.add(m[STATE].name);
  }
  return taken;
}
