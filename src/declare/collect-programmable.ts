import {
  nameKey,
  parameterList,
  type Aggregate,
  type Dependency,
  type EventTrigger,
  type Statistics,
  type Routine,
  type Rule,
  type Trigger,
  type TriggerEvent,
  type View,
  type ViewColumnSettings,
} from '../model';
import { buildIndexes, type Sink } from './build-table';
import { RoutineDecl, type FunctionOptions } from './routine';
import type { SchemaDecl } from './schema';
import { TableDecl, type AnyTableDecl } from './table';
import { EventTriggerDecl, TriggerDecl } from './trigger';
import { RuleDecl } from './rule';
import { ViewDecl, type ViewDetails } from './view';
import { AggregateDecl, toAggregate } from './aggregate';
import { StatisticsDecl, toStatistics } from './statistics';

/** Declarations of views, routines, triggers and event triggers. */
export type ProgrammableDecl = ViewDecl | RoutineDecl | TriggerDecl | EventTriggerDecl | AggregateDecl | StatisticsDecl | RuleDecl;

export const isProgrammableDecl = (v: unknown): v is ProgrammableDecl =>
  v instanceof ViewDecl ||
  v instanceof RoutineDecl ||
  v instanceof TriggerDecl ||
  v instanceof EventTriggerDecl ||
  v instanceof AggregateDecl ||
  v instanceof StatisticsDecl ||
  v instanceof RuleDecl;

/** The declarations one of these makes reachable: its schema, what a view or routine body reads, a trigger's table or view and function. */
export function reachableFrom(d: ProgrammableDecl): (SchemaDecl | AnyTableDecl | ProgrammableDecl)[] {
  if (d instanceof ViewDecl) return [...(d.details.schemaDecl ? [d.details.schemaDecl] : []), ...readDecls(d)];
  if (d instanceof RoutineDecl) {
    const body = d.details.options.body;
    const reads = [...(typeof body === 'string' ? [] : body.objects), ...d.details.typeReads].filter(
      (o) => o instanceof TableDecl || o instanceof ViewDecl || o instanceof RoutineDecl,
    );
    return [...(d.details.schemaDecl ? [d.details.schemaDecl] : []), ...reads];
  }
  if (d instanceof StatisticsDecl) return [d.table];
  if (d instanceof RuleDecl)
    return [
      d.on,
      ...[d.options.action, ...(d.options.where ? [d.options.where] : [])].flatMap((x) =>
        x.objects.filter((o) => o instanceof TableDecl || o instanceof ViewDecl),
      ),
    ];
  if (d instanceof AggregateDecl) return [...(d.schemaDecl ? [d.schemaDecl] : []), ...d.functions()];
  const fn = d.options.function instanceof RoutineDecl ? [d.options.function] : [];
  if (d instanceof TriggerDecl) return [d.on, ...fn];
  return fn;
}

/** The tables and views a view's query interpolates. */
const readDecls = (d: ViewDecl): (AnyTableDecl | ViewDecl)[] =>
  d.details.reads.filter((o): o is AnyTableDecl | ViewDecl => o instanceof TableDecl || o instanceof ViewDecl);

const EVENT_ORDER: readonly TriggerEvent[] = ['insert', 'delete', 'update', 'truncate'];
const defaultCost = (language: string) => (language === 'c' || language === 'internal' ? 1 : 100);

function toView(d: ViewDecl): View {
  const x = d.details;
  return {
    kind: 'View',
    schema: d.schema,
    name: d.name,
    materialized: x.materialized,
    definition: x.query,
    columns: [],
    checkOption: x.checkOption,
    securityBarrier: x.securityBarrier,
    securityInvoker: x.securityInvoker,
    withData: x.withData,
    storageParameters: x.materialized ? parameterList(x.storageParameters) : [],
    dependsOn: readDecls(d).map((r) => ({ kind: 'relation' as const, schema: r.schema, name: r.name })),
    comment: x.comment,
    columnComments: Object.entries(x.columnComments)
      .map(([column, comment]) => ({ column, comment }))
      .sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)),
    ...columnSettings(x),
  };
}

/** A view's column settings (defaults, statistics targets, storage), by column name; nothing when none is declared. */
function columnSettings(x: ViewDetails): { columnSettings?: ViewColumnSettings[] } {
  const columns = [...new Set([...Object.keys(x.columnDefaults), ...Object.keys(x.columnStatistics), ...Object.keys(x.columnStorage)])].sort();
  if (columns.length === 0) return {};
  return {
    columnSettings: columns.map((column) => ({
      column,
      ...(x.columnDefaults[column] === undefined ? {} : { default: x.columnDefaults[column] }),
      ...(x.columnStatistics[column] === undefined ? {} : { statistics: x.columnStatistics[column] }),
      ...(x.columnStorage[column] === undefined ? {} : { storage: x.columnStorage[column] }),
    })),
  };
}

/**
 * What a routine's body and types interpolate (tables, views, routines): created before it, which a SQL-standard
 * body needs, and a result of a table's row type (`SETOF customer`; routines are otherwise created before tables).
 */
function bodyReads(d: RoutineDecl): Dependency[] {
  const body = d.details.options.body;
  return [...(typeof body === 'string' ? [] : body.objects), ...d.details.typeReads].flatMap((o): Dependency[] =>
    o instanceof TableDecl || o instanceof ViewDecl
      ? [{ kind: 'relation', schema: o.schema, name: o.name }]
      : o instanceof RoutineDecl
        ? [{ kind: 'routine', schema: o.schema, name: o.name, args: o.details.identityArgs }]
        : [],
  );
}

function toRoutine(d: RoutineDecl): Routine {
  const x = d.details;
  const o = x.options as Partial<FunctionOptions> & RoutineDecl['details']['options'];
  return {
    kind: 'Routine',
    schema: d.schema,
    name: d.name,
    identityArgs: x.identityArgs,
    procedure: x.procedure,
    args: x.args,
    returns: x.returns,
    language: o.language,
    body: typeof o.body === 'string' ? o.body : o.body.text,
    atomic: o.atomic ?? false,
    volatility: o.volatility ?? 'volatile',
    strict: o.strict ?? false,
    securityDefiner: o.securityDefiner ?? false,
    leakproof: o.leakproof ?? false,
    parallel: o.parallel ?? 'unsafe',
    cost: o.cost ?? defaultCost(o.language),
    rows: o.rows ?? null,
    config: Object.entries(o.set ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? v : v.join(', ')}`),
    dependsOn: bodyReads(d),
    comment: o.comment ?? null,
  };
}

function toTrigger(d: TriggerDecl): Trigger {
  const o = d.options;
  return {
    kind: 'Trigger',
    schema: d.on.schema,
    table: d.on.name,
    name: d.name,
    timing: o.timing,
    events: EVENT_ORDER.filter((e) => o.events.includes(e)),
    updateOf: d.updateOfNames(),
    forEachRow: o.forEach === 'row',
    when: o.when?.text ?? null,
    functionSchema: o.function.schema,
    functionName: o.function.name,
    args: [...(o.args ?? [])],
    constraint: o.constraint ?? false,
    deferrable: o.deferrable ?? false,
    initiallyDeferred: o.initiallyDeferred ?? false,
    ...(o.enabled === undefined || o.enabled === 'O' ? {} : { enabled: o.enabled }),
    ...(o.referencing?.oldTable === undefined ? {} : { oldTable: o.referencing.oldTable }),
    ...(o.referencing?.newTable === undefined ? {} : { newTable: o.referencing.newTable }),
    dependsOn: [],
    comment: o.comment ?? null,
  };
}

function toEventTrigger(d: EventTriggerDecl): EventTrigger {
  const o = d.options;
  return {
    kind: 'EventTrigger',
    name: d.name,
    event: o.event,
    tags: [...(o.tags ?? [])].sort(),
    functionSchema: o.function.schema,
    functionName: o.function.name,
    enabled: o.enabled ?? 'O',
    comment: o.comment ?? null,
  };
}

/** The catalog lists of these declarations; materialized views' indexes, renames and locations go to the sink. */
export function buildProgrammable(decls: readonly ProgrammableDecl[], sink: Sink, taken: (schema: string) => Set<string>) {
  const views: View[] = [];
  const routines: Routine[] = [];
  const triggers: Trigger[] = [];
  const eventTriggers: EventTrigger[] = [];
  const aggregates: Aggregate[] = [];
  const statistics: Statistics[] = [];
  const rules: Rule[] = [];
  for (const d of decls) {
    if (d instanceof ViewDecl) {
      views.push(toView(d));
      sink.locate(nameKey(d.schema, d.name), d.details.location);
      if (d.details.renamedFrom !== null) sink.renames.views.push({ schema: d.schema, from: d.details.renamedFrom, to: d.name });
      taken(d.schema).add(d.name);
      buildIndexes({ schema: d.schema, name: d.name, details: { indexes: d.details.indexes } }, taken(d.schema), sink);
    } else if (d instanceof RoutineDecl) {
      const r = toRoutine(d);
      routines.push(r);
      sink.locate(nameKey(d.schema, d.name), d.details.location);
      const from = d.details.options.renamedFrom;
      if (from !== undefined) sink.renames.routines.push({ schema: d.schema, identityArgs: r.identityArgs, from, to: d.name });
    } else if (d instanceof TriggerDecl) {
      triggers.push(toTrigger(d));
      sink.locate(nameKey(d.on.schema, d.on.name, d.name), d.location);
      const from = d.options.renamedFrom;
      if (from !== undefined) sink.renames.triggers.push({ schema: d.on.schema, table: d.on.name, from, to: d.name });
    } else if (d instanceof RuleDecl) {
      rules.push({
        kind: 'Rule',
        schema: d.on.schema,
        table: d.on.name,
        name: d.name,
        definition: d.definition(),
        dependsOn: [],
        comment: d.options.comment ?? null,
      });
      sink.locate(nameKey(d.on.schema, d.on.name, d.name), d.location);
    } else if (d instanceof StatisticsDecl) {
      const x = toStatistics(d);
      statistics.push(x);
      sink.locate(nameKey(x.schema, x.name), d.location);
      if (d.options.renamedFrom !== undefined) sink.renames.objects.statistics.push({ schema: x.schema, from: d.options.renamedFrom, to: x.name });
    } else if (d instanceof AggregateDecl) {
      const a = toAggregate(d);
      aggregates.push(a);
      sink.locate(nameKey(d.schema, d.name), d.location);
      // Aggregates share the routines' name space and rename intents.
      const from = d.options.renamedFrom;
      if (from !== undefined) sink.renames.routines.push({ schema: d.schema, identityArgs: a.identityArgs, from, to: d.name });
    } else {
      eventTriggers.push(toEventTrigger(d));
      sink.locate(d.name, d.location);
    }
  }
  return { views, routines, triggers, eventTriggers, aggregates, statistics, rules };
}
