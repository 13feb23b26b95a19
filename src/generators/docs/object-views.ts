import type { Catalog, Dependency, Exclusion, Routine, Table, View } from '../../model';
import { indexKeySql, ident, qualified } from '../../sql';
import { routinePath, tablePath, typePath, viewPath } from './markdown';
import { deferrableText, tableLabel, tableMembers, typeLinkOf, type LinkView } from './table-view';
import { ruleViews, type WithRules } from './rule-views';

/**
 * Page data of the programmable and type objects (issue 4): the extra sections of a table page (triggers, rules,
 * policies, RLS, partitioning, exclusion constraints), view and routine pages, and the overview rows of sequences,
 * domains and composite types. Pure: a sorted catalog in, plain data out.
 */

/** A trigger as a table page lists it. */
export interface TriggerView {
  readonly name: string;
  /** `BEFORE`, `AFTER`, `INSTEAD OF`, and `CONSTRAINT` when a constraint trigger. */
  readonly timing: string;
  /** `INSERT OR UPDATE OF a, b` as in CREATE TRIGGER. */
  readonly events: string;
  readonly level: 'row' | 'statement';
  readonly when: string | null;
  /** The trigger function's page when it is documented, else just its name. */
  readonly function: LinkView;
  readonly functionLinked: boolean;
  readonly args: readonly string[];
  readonly comment: string | null;
}

/** A row-level security policy as a table page lists it. */
export interface PolicyView {
  readonly name: string;
  readonly command: string;
  readonly mode: 'permissive' | 'restrictive';
  readonly roles: readonly string[];
  readonly using: string | null;
  readonly withCheck: string | null;
  readonly comment: string | null;
}

/** Partitioning of a table: its key and partitions (when partitioned) and its parent (when a partition). */
export interface PartitioningView {
  /** `RANGE (created_at)`, or null when the table is not partitioned. */
  readonly key: string | null;
  readonly partitions: readonly { readonly table: LinkView; readonly bound: string }[];
  readonly partitionOf: { readonly parent: LinkView; readonly bound: string } | null;
}

/** The sections a table page gained with issue 4. */
export interface TableExtrasView extends WithRules {
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly triggers: readonly TriggerView[];
  readonly policies: readonly PolicyView[];
  readonly partitioning: PartitioningView | null;
  readonly exclusions: readonly {
    readonly name: string;
    readonly method: string;
    readonly elements: string;
    readonly include: string;
    readonly where: string | null;
    readonly deferrable: string | null;
    readonly comment: string | null;
  }[];
  /** Views and routines that read the table. */
  readonly usedBy: readonly LinkView[];
}

/** What a view or routine reads, one row per object (columns of a relation gathered on its row). */
export interface DependencyView {
  readonly kind: 'table' | 'view' | 'type' | 'routine' | 'relation';
  readonly object: LinkView;
  readonly linked: boolean;
  readonly columns: readonly string[];
}

/** A view's (or materialized view's) page. */
export interface ViewPage extends WithRules {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  readonly path: string;
  readonly materialized: boolean;
  readonly kindLabel: string;
  readonly comment: string | null;
  readonly definition: string;
  readonly columns: readonly { readonly position: number; readonly name: string; readonly type: string }[];
  readonly options: readonly string[];
  readonly dependsOn: readonly DependencyView[];
  readonly usedBy: readonly LinkView[];
  readonly triggers: readonly TriggerView[];
}

/** A function's or procedure's page. */
export interface RoutinePage {
  readonly schema: string;
  readonly name: string;
  readonly qualifiedName: string;
  /** `schema.name(args)` with the full argument list. */
  readonly signature: string;
  /** The full argument list (modes, names, defaults). */
  readonly args: string;
  readonly path: string;
  readonly kindLabel: 'Function' | 'Procedure';
  readonly returns: string | null;
  readonly language: string;
  readonly volatility: string;
  readonly security: 'definer' | 'invoker';
  /** STRICT, LEAKPROOF, PARALLEL SAFE, SET …: the attributes that differ from the defaults. */
  readonly attributes: readonly string[];
  readonly body: string;
  readonly bodyLanguage: string;
  readonly comment: string | null;
  readonly dependsOn: readonly DependencyView[];
  readonly usedBy: readonly LinkView[];
  /** Triggers that execute it. */
  readonly triggeredBy: readonly { readonly table: LinkView; readonly trigger: string }[];
}

/** Overview rows of sequences, domains, composite types and collations of one schema. */
export interface TypeObjectsView {
  readonly sequences: readonly {
    readonly name: string;
    readonly type: string;
    readonly start: string;
    readonly increment: string;
    readonly cycle: boolean;
    readonly ownedBy: string | null;
    readonly comment: string | null;
  }[];
  readonly domains: readonly {
    readonly name: string;
    readonly path: string;
    readonly type: string;
    readonly notNull: boolean;
    readonly default: string | null;
    readonly checks: readonly string[];
    readonly comment: string | null;
  }[];
  readonly compositeTypes: readonly { readonly name: string; readonly path: string; readonly attributes: string; readonly comment: string | null }[];
  readonly collations: readonly {
    readonly name: string;
    readonly provider: string;
    readonly locale: string | null;
    readonly deterministic: boolean;
    readonly comment: string | null;
  }[];
}

const overloaded = (catalog: Catalog, r: Pick<Routine, 'schema' | 'name'>): boolean =>
  catalog.routines.filter((x) => x.schema === r.schema && x.name === r.name).length > 1;

/** Link to a routine's page. */
export const routineLink = (catalog: Catalog, r: Routine, home: string | null): LinkView => ({
  label: `${tableLabel(r.schema, r.name, home)}(${r.identityArgs})`,
  path: routinePath(r.schema, r.name, r.identityArgs, overloaded(catalog, r)),
});

/** Link to a table or view page by qualified name, or null when neither is documented. */
function relationLink(catalog: Catalog, schema: string, name: string, home: string | null): { link: LinkView; kind: 'table' | 'view' } | null {
  const label = tableLabel(schema, name, home);
  if (catalog.tables.some((t) => t.schema === schema && t.name === name)) return { link: { label, path: tablePath(schema, name) }, kind: 'table' };
  if (catalog.views.some((v) => v.schema === schema && v.name === name)) return { link: { label, path: viewPath(schema, name) }, kind: 'view' };
  return null;
}

/** Dependencies gathered for display: a relation's columns on its row, links where the object has a page. */
export function dependencyViews(catalog: Catalog, deps: readonly Dependency[], home: string): DependencyView[] {
  const rows = new Map<string, { kind: DependencyView['kind']; object: LinkView; linked: boolean; columns: string[] }>();
  for (const d of deps) {
    if (d.kind === 'relation' || d.kind === 'column') {
      const name = d.kind === 'relation' ? d.name : d.table;
      const key = `r\0${d.schema}\0${name}`;
      const found = relationLink(catalog, d.schema, name, home);
      const row = rows.get(key) ?? {
        kind: found?.kind ?? 'relation',
        object: found?.link ?? { label: tableLabel(d.schema, name, home), path: '' },
        linked: found !== null,
        columns: [],
      };
      if (d.kind === 'column') row.columns.push(d.name);
      rows.set(key, row);
    } else if (d.kind === 'type') {
      const page = typeLinkOf(catalog, qualified(d.schema, d.name));
      const label = tableLabel(d.schema, d.name, home);
      rows.set(`t\0${d.schema}\0${d.name}`, { kind: 'type', object: { label, path: page?.path ?? '' }, linked: page !== null, columns: [] });
    } else if (d.kind === 'routine') {
      const r = catalog.routines.find((x) => x.schema === d.schema && x.name === d.name && x.identityArgs === d.args);
      const object = r ? routineLink(catalog, r, home) : { label: `${tableLabel(d.schema, d.name, home)}(${d.args})`, path: '' };
      rows.set(`f\0${d.schema}\0${d.name}\0${d.args}`, { kind: 'routine', object, linked: r !== undefined, columns: [] });
    }
  }
  return [...rows.values()];
}

const reads = (deps: readonly Dependency[], schema: string, name: string): boolean =>
  deps.some((d) => d.schema === schema && ((d.kind === 'relation' && d.name === name) || (d.kind === 'column' && d.table === name)));

/** Views and routines that read the relation `schema.name`. */
function readersOf(catalog: Catalog, schema: string, name: string, home: string): LinkView[] {
  return [
    ...catalog.views
      .filter((v) => reads(v.dependsOn, schema, name))
      .map((v) => ({ label: tableLabel(v.schema, v.name, home), path: viewPath(v.schema, v.name) })),
    ...catalog.routines.filter((r) => reads(r.dependsOn, schema, name)).map((r) => routineLink(catalog, r, home)),
  ];
}

function triggerViews(catalog: Catalog, schema: string, table: string): TriggerView[] {
  return catalog.triggers
    .filter((t) => t.schema === schema && t.table === table)
    .map((t) => {
      const fn = catalog.routines.find((r) => r.schema === t.functionSchema && r.name === t.functionName && r.identityArgs === '');
      const events = t.events.map((e) => (e === 'update' && t.updateOf.length ? `UPDATE OF ${t.updateOf.map(ident).join(', ')}` : e.toUpperCase()));
      return {
        name: t.name,
        timing: `${t.constraint ? 'CONSTRAINT ' : ''}${t.timing === 'instead-of' ? 'INSTEAD OF' : t.timing.toUpperCase()}${t.deferrable ? ` ${deferrableText(t)}` : ''}`,
        events: events.join(' OR '),
        level: t.forEachRow ? 'row' : 'statement',
        when: t.when,
        function: fn ? routineLink(catalog, fn, schema) : { label: `${tableLabel(t.functionSchema, t.functionName, schema)}()`, path: '' },
        functionLinked: fn !== undefined,
        args: t.args,
        comment: t.comment,
      };
    });
}

function partitioningOf(catalog: Catalog, t: Table): PartitioningView | null {
  if (t.partitionBy === null && t.partitionOf === null) return null;
  return {
    key: t.partitionBy ? `${t.partitionBy.strategy.toUpperCase()} (${t.partitionBy.key})` : null,
    partitions: catalog.tables
      .filter((p) => p.partitionOf !== null && p.partitionOf.schema === t.schema && p.partitionOf.table === t.name)
      .map((p) => ({ table: { label: tableLabel(p.schema, p.name, t.schema), path: tablePath(p.schema, p.name) }, bound: p.partitionOf!.bound })),
    partitionOf: t.partitionOf
      ? {
          parent: { label: tableLabel(t.partitionOf.schema, t.partitionOf.table, t.schema), path: tablePath(t.partitionOf.schema, t.partitionOf.table) },
          bound: t.partitionOf.bound,
        }
      : null,
  };
}

/** Triggers, policies, RLS flags, partitioning, exclusion constraints and readers of a table. */
export function buildTableExtras(catalog: Catalog, t: Table): TableExtrasView {
  return {
    rowSecurity: t.rowSecurity,
    forceRowSecurity: t.forceRowSecurity,
    triggers: triggerViews(catalog, t.schema, t.name),
    rules: ruleViews(catalog, t.schema, t.name),
    policies: catalog.policies
      .filter((p) => p.schema === t.schema && p.table === t.name)
      .map((p) => ({
        name: p.name,
        command: p.command.toUpperCase(),
        mode: p.permissive ? 'permissive' : 'restrictive',
        roles: p.roles,
        using: p.using,
        withCheck: p.withCheck,
        comment: p.comment,
      })),
    partitioning: partitioningOf(catalog, t),
    exclusions: tableMembers(catalog, t)
      .constraints.filter((c): c is Exclusion => c.kind === 'Exclusion')
      .map((c) => ({
        name: c.name,
        method: c.method,
        elements: c.elements.map((e) => `${indexKeySql(e)} WITH ${e.operator}`).join(', '),
        include: c.include.map(ident).join(', '),
        where: c.where,
        deferrable: deferrableText(c),
        comment: c.comment,
      })),
    usedBy: readersOf(catalog, t.schema, t.name, t.schema),
  };
}

/** A view's page data. */
export function buildViewPage(catalog: Catalog, v: View): ViewPage {
  const options = [
    ...(v.checkOption ? [`WITH ${v.checkOption.toUpperCase()} CHECK OPTION`] : []),
    ...(v.securityBarrier ? ['security_barrier'] : []),
    ...(v.securityInvoker ? ['security_invoker'] : []),
    ...(v.materialized && !v.withData ? ['WITH NO DATA'] : []),
  ];
  return {
    schema: v.schema,
    name: v.name,
    qualifiedName: `${v.schema}.${v.name}`,
    path: viewPath(v.schema, v.name),
    materialized: v.materialized,
    kindLabel: v.materialized ? 'Materialized view' : 'View',
    comment: v.comment,
    definition: v.definition.trim(),
    columns: v.columns.map((c, i) => ({ position: i + 1, name: c.name, type: c.type })),
    options,
    dependsOn: dependencyViews(catalog, v.dependsOn, v.schema),
    usedBy: readersOf(catalog, v.schema, v.name, v.schema),
    triggers: triggerViews(catalog, v.schema, v.name),
    rules: ruleViews(catalog, v.schema, v.name),
  };
}

/** A routine's page data. */
export function buildRoutinePage(catalog: Catalog, r: Routine): RoutinePage {
  const attributes = [
    ...(r.strict ? ['STRICT'] : []),
    ...(r.leakproof ? ['LEAKPROOF'] : []),
    ...(r.parallel !== 'unsafe' ? [`PARALLEL ${r.parallel.toUpperCase()}`] : []),
    ...r.config.map((c) => `SET ${c}`),
  ];
  const calls = (deps: readonly Dependency[]) =>
    deps.some((d) => d.kind === 'routine' && d.schema === r.schema && d.name === r.name && d.args === r.identityArgs);
  const usedBy = [
    ...catalog.views.filter((v) => calls(v.dependsOn)).map((v) => ({ label: tableLabel(v.schema, v.name, r.schema), path: viewPath(v.schema, v.name) })),
    ...catalog.routines.filter((x) => x !== r && calls(x.dependsOn)).map((x) => routineLink(catalog, x, r.schema)),
  ];
  return {
    schema: r.schema,
    name: r.name,
    qualifiedName: `${r.schema}.${r.name}`,
    signature: `${r.schema}.${r.name}(${r.args})`,
    args: r.args,
    path: routineLink(catalog, r, r.schema).path,
    kindLabel: r.procedure ? 'Procedure' : 'Function',
    returns: r.returns,
    language: r.language,
    volatility: r.volatility,
    security: r.securityDefiner ? 'definer' : 'invoker',
    attributes,
    body: r.body.replace(/^\n+|\s+$/g, ''),
    bodyLanguage: r.language === 'sql' || r.language === 'plpgsql' || r.atomic ? 'sql' : '',
    comment: r.comment,
    dependsOn: dependencyViews(catalog, r.dependsOn, r.schema),
    usedBy,
    triggeredBy: catalog.triggers
      .filter((t) => t.functionSchema === r.schema && t.functionName === r.name && r.identityArgs === '')
      .map((t) => {
        const rel = relationLink(catalog, t.schema, t.table, r.schema);
        return { table: rel?.link ?? { label: tableLabel(t.schema, t.table, r.schema), path: '' }, trigger: t.name };
      }),
  };
}

/** Sequences, domains and composite types of one schema, as overview rows. */
export function buildTypeObjects(catalog: Catalog, schema: string): TypeObjectsView {
  return {
    sequences: catalog.sequences
      .filter((s) => s.schema === schema)
      .map((s) => ({
        name: s.name,
        type: s.type,
        start: s.start,
        increment: s.increment,
        cycle: s.cycle,
        ownedBy: s.ownedBy ? `${s.ownedBy.table}.${s.ownedBy.column}` : null,
        comment: s.comment,
      })),
    domains: catalog.domains
      .filter((d) => d.schema === schema)
      .map((d) => ({
        name: d.name,
        path: typePath(d.schema, d.name),
        type: d.type,
        notNull: d.notNull,
        default: d.default,
        checks: d.checks.map((c) => c.expression),
        comment: d.comment,
      })),
    compositeTypes: catalog.compositeTypes
      .filter((c) => c.schema === schema)
      .map((c) => ({
        name: c.name,
        path: typePath(c.schema, c.name),
        attributes: c.attributes.map((a) => `${ident(a.name)} ${a.type}`).join(', '),
        comment: c.comment,
      })),
    // libc collations name their locale by LC_COLLATE (and LC_CTYPE when it differs); icu and builtin ones by locale.
    collations: catalog.collations
      .filter((c) => c.schema === schema)
      .map((c) => ({
        name: c.name,
        provider: c.provider,
        deterministic: c.deterministic,
        comment: c.comment,
        locale: c.locale ?? (c.lcCollate === c.lcCtype ? c.lcCollate : `${c.lcCollate ?? ''} / ${c.lcCtype ?? ''}`),
      })),
  };
}

/** A partition as documented: the model gives a partition no columns of its own, so it shows its (root) parent's. */
export function withPartitionColumns(catalog: Catalog, t: Table): Table {
  let parent: Table | undefined = t;
  for (let depth = 0; parent?.partitionOf && parent.columns.length === 0 && depth < 32; depth++) {
    const of: { schema: string; table: string } = parent.partitionOf;
    parent = catalog.tables.find((x) => x.schema === of.schema && x.name === of.table);
  }
  return parent && parent !== t && t.columns.length === 0 ? { ...t, columns: parent.columns } : t;
}
