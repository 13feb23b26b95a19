import type { AlterEventTrigger, AlterTrigger, CreateEventTrigger, CreateTrigger, DropEventTrigger, DropTrigger, RenameTrigger } from '../diff';
import { nameKey, type EventTrigger, type Trigger } from '../model';
import {
  createEventTriggerSql,
  createTriggerSql,
  dropEventTriggerSql,
  dropTriggerSql,
  enableEventTriggerSql,
  enableTriggerSql,
  renameTriggerSql,
} from '../sql';
import { commentAfterCreate, restoreComment } from './comment-step';
import { columnNode, dependencyNeeds, eventTriggerNode, relNode, routineNode, triggerNode } from './graph-keys';
import { Phase, plannedStep, statements, type PlannedStep } from './planned-step';

const object = (t: Trigger) => nameKey(t.schema, t.table, t.name);
const node = (t: Trigger) => triggerNode(t.schema, t.table, t.name);
/**
 * A trigger needs its table or view, the UPDATE OF columns, the columns it reads (whose type cannot change
 * under it) and its function (trigger functions take no arguments).
 */
const needs = (t: Trigger) => [
  relNode(t.schema, t.table),
  ...t.updateOf.map((c) => columnNode(t.schema, t.table, c)),
  ...dependencyNeeds(t.dependsOn),
  routineNode(t.functionSchema, t.functionName, ''),
];
const target = (t: Trigger) => ({ kind: 'Trigger' as const, schema: t.schema, table: t.table, name: t.name });
const triggerComment = (t: Trigger) => restoreComment(target(t), t.comment);

/** CREATE [CONSTRAINT] TRIGGER, after its table and function, and its comment. */
export function planCreateTrigger(c: CreateTrigger): PlannedStep[] {
  const t = c.trigger;
  return [
    plannedStep(c, {
      sql: createTriggerSql(t),
      reverse: dropTriggerSql(t),
      object: object(t),
      op: '+',
      phase: Phase.CreateTrigger,
      creates: [node(t)],
      needs: needs(t),
    }),
    ...(t.enabled === undefined
      ? []
      : [
          plannedStep(c, {
            sql: enableTriggerSql(t, t.enabled),
            reverse: enableTriggerSql(t, 'O'),
            object: object(t),
            op: '~',
            phase: Phase.CreateTrigger,
            needs: [node(t)],
          }),
        ]),
    ...commentAfterCreate(c, target(t), t.comment, object(t), node(t)),
  ];
}

/** DROP TRIGGER, before its table, columns or function go. */
export function planDropTrigger(c: DropTrigger): PlannedStep[] {
  const t = c.trigger;
  return [
    plannedStep(c, {
      sql: dropTriggerSql(t),
      reverse: statements(createTriggerSql(t), t.enabled === undefined ? null : enableTriggerSql(t, t.enabled), triggerComment(t)),
      object: object(t),
      op: '-',
      phase: Phase.DropTrigger,
      drops: [node(t)],
      needs: needs(t),
    }),
  ];
}

/** ALTER TABLE … ENABLE [REPLICA|ALWAYS] | DISABLE TRIGGER (the trigger stays; no drop and create). */
export function planAlterTrigger(c: AlterTrigger): PlannedStep[] {
  const t = c.to;
  return [
    plannedStep(c, {
      sql: enableTriggerSql(t, t.enabled ?? 'O'),
      reverse: enableTriggerSql(c.from, c.from.enabled ?? 'O'),
      object: object(t),
      op: '~',
      phase: Phase.CreateTrigger,
      needs: [node(t)],
    }),
  ];
}

/** ALTER TRIGGER … ON … RENAME TO. */
export function planRenameTrigger(c: RenameTrigger): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: renameTriggerSql(c.schema, c.table, c.from, c.to),
      reverse: renameTriggerSql(c.schema, c.table, c.to, c.from),
      object: nameKey(c.schema, c.table, c.to),
      op: '~',
      phase: Phase.Rename,
      drops: [triggerNode(c.schema, c.table, c.from)],
      creates: [triggerNode(c.schema, c.table, c.to)],
      needs: [relNode(c.schema, c.table)],
    }),
  ];
}

const eventNeeds = (e: EventTrigger) => [routineNode(e.functionSchema, e.functionName, '')];
const eventComment = (e: EventTrigger) => restoreComment({ kind: 'EventTrigger', name: e.name }, e.comment);
/** A new event trigger is enabled; another state is set after creating it. */
const enableAfterCreate = (e: EventTrigger) => (e.enabled === 'O' ? null : enableEventTriggerSql(e));

/** CREATE EVENT TRIGGER (and its state and comment, as separate steps). */
export function planCreateEventTrigger(c: CreateEventTrigger): PlannedStep[] {
  const e = c.eventTrigger;
  const base = { object: e.name, phase: Phase.CreateTrigger, needs: [eventTriggerNode(e.name)] };
  const steps = [
    plannedStep(c, {
      ...base,
      sql: createEventTriggerSql(e),
      reverse: dropEventTriggerSql(e),
      op: '+',
      creates: [eventTriggerNode(e.name)],
      needs: eventNeeds(e),
    }),
  ];
  const enable = enableAfterCreate(e);
  if (enable !== null) steps.push(plannedStep(c, { ...base, sql: enable, reverse: enableEventTriggerSql({ name: e.name, enabled: 'O' }), op: '~' }));
  return [...steps, ...commentAfterCreate(c, { kind: 'EventTrigger', name: e.name }, e.comment, e.name, eventTriggerNode(e.name))];
}

/** DROP EVENT TRIGGER; the reverse creates it again as it was. */
export function planDropEventTrigger(c: DropEventTrigger): PlannedStep[] {
  const e = c.eventTrigger;
  return [
    plannedStep(c, {
      sql: dropEventTriggerSql(e),
      reverse: statements(createEventTriggerSql(e), enableAfterCreate(e), eventComment(e)),
      object: e.name,
      op: '-',
      phase: Phase.DropTrigger,
      drops: [eventTriggerNode(e.name)],
      needs: eventNeeds(e),
    }),
  ];
}

/** ALTER EVENT TRIGGER … ENABLE|DISABLE. */
export function planAlterEventTrigger(c: AlterEventTrigger): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: enableEventTriggerSql(c.to),
      reverse: enableEventTriggerSql(c.from),
      object: c.to.name,
      op: '~',
      phase: Phase.CreateTrigger,
      needs: [eventTriggerNode(c.to.name)],
    }),
  ];
}
