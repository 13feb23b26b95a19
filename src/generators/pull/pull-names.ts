import type { Catalog } from '../../model';
import { isBindingName } from './ts-text';

/** How pulled declarations are spread over files: one file per table (default) or one per schema. */
export type PullLayout = 'table' | 'schema';

/** Where a declaration goes: its file (relative, `/`-separated, `.ts`) and its exported variable. */
export interface Placement {
  readonly file: string;
  readonly name: string;
}

/** The file and variable of every declaration of a pull; `schema()` is null for an undeclared `public`. */
export interface PullNames {
  readonly schemas: ReadonlyMap<string, Placement | null>;
  readonly enums: ReadonlyMap<string, Placement>;
  readonly tables: ReadonlyMap<string, Placement>;
  readonly extensions: ReadonlyMap<string, Placement>;
  /** Views and routines (key: pullKey(schema, name), routines `name(identity args)`), triggers (pullKey(schema, table\0name)). */
  readonly views: ReadonlyMap<string, Placement>;
  readonly routines: ReadonlyMap<string, Placement>;
  /** Aggregates (key: routinePullKey), in the schema's `functions.ts`. */
  readonly aggregates: ReadonlyMap<string, Placement>;
  readonly triggers: ReadonlyMap<string, Placement>;
  /** Rules (key: triggerPullKey: rule names are unique per table), in the schema's `triggers.ts`. */
  readonly rules: ReadonlyMap<string, Placement>;
  /** Sequences, domains and composite types (key: pullKey(schema, name)), in the schema's `types.ts`. */
  readonly sequences: ReadonlyMap<string, Placement>;
  readonly domains: ReadonlyMap<string, Placement>;
  readonly compositeTypes: ReadonlyMap<string, Placement>;
  /** Collations (in the schema's `types.ts`) and event triggers (database-wide, in `event-triggers.ts`; key: name). */
  readonly collations: ReadonlyMap<string, Placement>;
  /** Extended statistics (key: pullKey(schema, name)), in their table's file. */
  readonly statistics: ReadonlyMap<string, Placement>;
  /** Text search dictionaries and configurations (in the schema's `types.ts`). */
  readonly textSearchDictionaries: ReadonlyMap<string, Placement>;
  readonly textSearchConfigurations: ReadonlyMap<string, Placement>;
  /** Range types (in the schema's `types.ts`). */
  readonly rangeTypes: ReadonlyMap<string, Placement>;
  readonly eventTriggers: ReadonlyMap<string, Placement>;
  /** The list of grants (`privileges.ts`), when the database has any on a declared object (an undeclared `public` is not managed). */
  readonly privileges: Placement | null;
  /** Publications (`publications.ts`) and foreign servers (`foreign-servers.ts`), key: name; foreign tables (the schema's `foreign-tables.ts`, key: pullKey). */
  readonly publications: ReadonlyMap<string, Placement>;
  readonly foreignServers: ReadonlyMap<string, Placement>;
  readonly foreignTables: ReadonlyMap<string, Placement>;
}

/** The key of a schema-scoped object in PullNames (NUL-separated: names may contain dots). */
export const pullKey = (schema: string, name: string): string => `${schema}\u0000${name}`;

/** The key of a routine in PullNames: overloads differ in their argument types. */
export const routinePullKey = (r: { schema: string; name: string; identityArgs: string }): string => pullKey(r.schema, `${r.name}(${r.identityArgs})`);
/** The key of a trigger in PullNames (trigger names are unique per table). */
export const triggerPullKey = (t: { schema: string; table: string; name: string }): string => pullKey(t.schema, `${t.table}\u0000${t.name}`);

/** Names the declaration files import from schemakit, or use as a callback parameter: never a variable. */
const TAKEN = [
  'c',
  'sql',
  't',
  'table',
  'index',
  'check',
  'unique',
  'primaryKey',
  'foreignKey',
  'schema',
  'enumType',
  'extension',
  'key',
  'value',
  'ColumnRef',
  'AnyTableDecl',
  'view',
  'materializedView',
  'func',
  'procedure',
  'trigger',
  'rule',
  'sequence',
  'domain',
  'compositeType',
  'collation',
  'eventTrigger',
  'grant',
  'revokeDefault',
  'publication',
  'foreignServer',
  'foreignTable',
];

/** Words of a name: split at anything but letters and digits, and between a lower-case letter and an upper-case one. */
const words = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);

/** A file name part: `audit_logs` → `audit-logs` (as in the example schema), `My Schema` → `my-schema`. */
export const kebab = (name: string): string => words(name).join('-').toLowerCase() || 'unnamed';

/** A variable name: `audit_logs` → `auditLogs`; a name that does not start with a letter gets the kind in front. */
function camel(name: string, kind: string): string {
  const w = words(name).map((x) => x.toLowerCase());
  const joined = w.map((x, i) => (i === 0 ? x : x.charAt(0).toUpperCase() + x.slice(1))).join('');
  return /^[a-z]/.test(joined) ? joined : camel(`${kind} ${name}`, kind);
}

/** Hands out distinct variable names: the plain one first, then with the schema in front, the kind after, a number last. */
class VariableNames {
  readonly #used = new Set(TAKEN);
  take(candidates: readonly string[]): string {
    for (const c of candidates) if (isBindingName(c) && !this.#used.has(c)) return this.#add(c);
    const base = candidates[candidates.length - 1];
    for (let n = 2; ; n++) if (!this.#used.has(`${base}${n}`)) return this.#add(`${base}${n}`);
  }
  #add(name: string): string {
    this.#used.add(name);
    return name;
  }
}

/** Hands out distinct file names within a directory (case-insensitively, for file systems that are). */
class FileNames {
  readonly #used = new Set<string>();
  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.#used.add(r);
  }
  take(base: string): string {
    let name = base;
    for (let n = 2; this.#used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.#used.add(name.toLowerCase());
    return name;
  }
}

/**
 * The files and variables of a pull. Per schema a directory (`reporting/`) with `schema.ts` (the schema),
 * `types.ts` (its enums) and, by layout, one file per table (`audit-logs.ts`) or `tables.ts`; extensions in
 * `extensions.ts`. `public` is declared only when its comment or its privileges are not initdb's (an undeclared
 * `public` is not managed), and its tables are then written without a schema. Deterministic: objects are named in
 * key order, the first to want a variable name gets it.
 */
export function planPullNames(catalog: Catalog, layout: PullLayout): PullNames {
  const vars = new VariableNames();
  const dirs = new FileNames(['extensions', 'event-triggers', 'privileges', 'publications', 'foreign-servers']);
  const dirOf = new Map<string, { dir: string; files: FileNames }>();
  const schemaNames = [
    ...new Set([
      ...catalog.schemas.map((s) => s.name),
      ...catalog.enums.map((e) => e.schema),
      ...catalog.tables.map((t) => t.schema),
      ...catalog.views.map((v) => v.schema),
      ...catalog.routines.map((r) => r.schema),
      ...catalog.aggregates.map((a) => a.schema),
      ...[
        ...catalog.sequences,
        ...catalog.domains,
        ...catalog.compositeTypes,
        ...catalog.collations,
        ...catalog.foreignTables,
        ...catalog.rangeTypes,
        ...catalog.statistics,
        ...catalog.textSearchDictionaries,
        ...catalog.textSearchConfigurations,
      ].map((x) => x.schema),
    ]),
  ].sort();
  for (const s of schemaNames)
    dirOf.set(s, { dir: dirs.take(kebab(s)), files: new FileNames(['schema', 'types', 'tables', 'views', 'functions', 'triggers', 'foreign-tables']) });
  const dir = (s: string) => dirOf.get(s)!;

  const schemas = new Map<string, Placement | null>();
  for (const s of schemaNames) {
    const decl = catalog.schemas.find((x) => x.name === s);
    const declared = s !== 'public' || (decl?.comment != null && decl.comment !== DEFAULT_PUBLIC_COMMENT) || !defaultPublicPrivileges(catalog);
    schemas.set(s, declared && decl ? { file: `${dir(s).dir}/schema.ts`, name: vars.take([camel(s, 'schema'), `${camel(s, 'schema')}Schema`]) } : null);
  }
  const extensions = new Map<string, Placement>();
  for (const e of catalog.extensions)
    extensions.set(e.name, { file: 'extensions.ts', name: vars.take([camel(e.name, 'extension'), `${camel(e.name, 'extension')}Extension`]) });
  const scoped = (schema: string, name: string, kind: string): string[] => {
    const plain = camel(name, kind);
    const qualified = camel(`${schema} ${name}`, kind);
    const Kind = kind.charAt(0).toUpperCase() + kind.slice(1);
    return [plain, qualified, `${plain}${Kind}`, `${qualified}${Kind}`];
  };
  const enums = new Map<string, Placement>();
  for (const e of catalog.enums)
    enums.set(pullKey(e.schema, e.name), { file: `${dir(e.schema).dir}/types.ts`, name: vars.take(scoped(e.schema, e.name, 'enum')) });
  const tables = new Map<string, Placement>();
  for (const t of catalog.tables) {
    const d = dir(t.schema);
    const file = layout === 'schema' ? `${d.dir}/tables.ts` : `${d.dir}/${d.files.take(kebab(t.name))}.ts`;
    tables.set(pullKey(t.schema, t.name), { file, name: vars.take(scoped(t.schema, t.name, 'table')) });
  }
  const views = new Map<string, Placement>();
  for (const v of catalog.views)
    views.set(pullKey(v.schema, v.name), { file: `${dir(v.schema).dir}/views.ts`, name: vars.take(scoped(v.schema, v.name, 'view')) });
  const routines = new Map<string, Placement>();
  for (const r of catalog.routines)
    routines.set(routinePullKey(r), {
      file: `${dir(r.schema).dir}/functions.ts`,
      name: vars.take(scoped(r.schema, r.name, r.procedure ? 'procedure' : 'function')),
    });
  const aggregates = new Map<string, Placement>();
  for (const a of catalog.aggregates)
    aggregates.set(routinePullKey(a), { file: `${dir(a.schema).dir}/functions.ts`, name: vars.take(scoped(a.schema, a.name, 'aggregate')) });
  const triggers = new Map<string, Placement>();
  for (const t of catalog.triggers)
    triggers.set(triggerPullKey(t), { file: `${dir(t.schema).dir}/triggers.ts`, name: vars.take(scoped(t.schema, t.name, 'trigger')) });
  const rules = new Map<string, Placement>();
  for (const r of catalog.rules) rules.set(triggerPullKey(r), { file: `${dir(r.schema).dir}/triggers.ts`, name: vars.take(scoped(r.schema, r.name, 'rule')) });
  const inTypes = (list: readonly { schema: string; name: string }[], kind: string) =>
    new Map(list.map((x) => [pullKey(x.schema, x.name), { file: `${dir(x.schema).dir}/types.ts`, name: vars.take(scoped(x.schema, x.name, kind)) }]));
  const domains = inTypes(catalog.domains, 'domain');
  const compositeTypes = inTypes(catalog.compositeTypes, 'type');
  const sequences = inTypes(catalog.sequences, 'sequence');
  const collations = inTypes(catalog.collations, 'collation');
  const rangeTypes = inTypes(catalog.rangeTypes, 'range');
  const textSearchDictionaries = inTypes(catalog.textSearchDictionaries, 'dictionary');
  const textSearchConfigurations = inTypes(catalog.textSearchConfigurations, 'config');
  const statistics = new Map(
    catalog.statistics.map((x) => [
      pullKey(x.schema, x.name),
      {
        file: tables.get(pullKey(x.tableSchema, x.table))?.file ?? `${dir(x.schema).dir}/statistics.ts`,
        name: vars.take(scoped(x.schema, x.name, 'statistics')),
      },
    ]),
  );
  const eventTriggers = new Map<string, Placement>();
  for (const e of catalog.eventTriggers)
    eventTriggers.set(e.name, { file: 'event-triggers.ts', name: vars.take([camel(e.name, 'eventTrigger'), `${camel(e.name, 'eventTrigger')}EventTrigger`]) });
  const privileges = (catalog.grants ?? []).some((g) => g.object !== 'schema' || schemas.get(g.name))
    ? { file: 'privileges.ts', name: vars.take(['privileges', 'grants']) }
    : null;
  const named = (file: string, kind: string) => (name: string) =>
    [name, { file, name: vars.take([camel(name, kind), `${camel(name, kind)}${kind.charAt(0).toUpperCase()}${kind.slice(1)}`]) }] as const;
  const publications = new Map(catalog.publications.map((p) => named('publications.ts', 'publication')(p.name)));
  const foreignServers = new Map(catalog.foreignServers.map((x) => named('foreign-servers.ts', 'server')(x.name)));
  const foreignTables = new Map(
    catalog.foreignTables.map((t) => [
      pullKey(t.schema, t.name),
      { file: `${dir(t.schema).dir}/foreign-tables.ts`, name: vars.take(scoped(t.schema, t.name, 'foreignTable')) },
    ]),
  );
  return {
    ...{ schemas, enums, tables, extensions, views, routines, aggregates, triggers, sequences, domains, compositeTypes, collations },
    ...{ rangeTypes, statistics, textSearchDictionaries, textSearchConfigurations, eventTriggers, privileges },
    ...{ publications, foreignServers, foreignTables, rules },
  };
}

/**
 * True when `public` has initdb's privileges (PostgreSQL 15 through 18: USAGE for PUBLIC besides its owner's), or
 * privileges are not read: a `public` whose privileges were changed (`GRANT CREATE … TO PUBLIC`) is declared, so
 * that pull writes its grants and a database built from the pulled schema gets them.
 */
function defaultPublicPrivileges(catalog: Catalog): boolean {
  const grants = (catalog.grants ?? []).filter((g) => g.object === 'schema' && g.name === 'public');
  const g = grants[0];
  return catalog.grants === null || (grants.length === 1 && g !== undefined && g.grantee === 'PUBLIC' && g.privilege === 'USAGE' && !g.grantable && !g.revoked);
}

/** The comment initdb gives `public` (PostgreSQL 15 through 18). */
export const DEFAULT_PUBLIC_COMMENT = 'standard public schema';
