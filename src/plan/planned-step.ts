import type { Change } from '../diff';
import { dependencyNeeds } from './graph-keys';
import type { Hazard, HazardKind, Step, TableLock } from './types';

/**
 * Phases give the natural order of a plan; they only break ties; the dependency edges (creates / drops /
 * needs) decide. Renames first, then drops in reverse dependency order, then creates in dependency order.
 */
const PHASE_ORDER = [
  'NonTransactional',
  'Rename',
  // Views, routines and triggers: drops before the tables, columns and types they read; routines created
  // before tables (defaults, checks and indexes may call them) and dropped after the defaults that may call
  // them were altered (edges still put a routine's drop before the drop of a type it uses); views and
  // triggers after indexes.
  'DropTrigger',
  'DropView',
  'DropForeignKey',
  'DropIndex',
  'DropConstraint',
  'DropColumn',
  'DropTable',
  'DropEnum',
  'DropExtension',
  'DropSchema',
  'CreateSchema',
  'Extension',
  'Enum',
  'CreateRoutine',
  /** Aggregates: after the functions they are made of (declared ones may name those by text only). */
  'CreateAggregate',
  'CreateTable',
  'AddColumn',
  'AlterColumn',
  'DropRoutine',
  'AddConstraint',
  'AddForeignKey',
  'CreateIndex',
  'CreateView',
  'RefreshView',
  'CreateTrigger',
  'Comment',
  /** Reference data (issue 12): deletes, children first; then writes, parents first. */
  'DeleteData',
  'WriteData',
  /** Online mode: index builds, validations and what follows them, each on its own after the main transaction. */
  'Online',
] as const;

/** The name of a phase. */
export type PhaseName = (typeof PHASE_ORDER)[number];

/** Each phase's priority: its index in PHASE_ORDER (a new phase is inserted in the list, never numbered by hand). */
export const Phase = Object.freeze(Object.fromEntries(PHASE_ORDER.map((name, i) => [name, i]))) as { readonly [K in PhaseName]: number };
export type Phase = number;

/**
 * A step with the dependency data the planner orders by: the graph keys (see graph-keys.ts) it creates,
 * drops, and needs to exist while it runs.
 */
export interface PlannedStep {
  readonly step: Step;
  readonly phase: Phase;
  readonly creates: readonly string[];
  readonly drops: readonly string[];
  readonly needs: readonly string[];
  /** Keys whose drop (or change) this step must precede: what an object rebuilt around them reads (see Around). */
  readonly precedes: readonly string[];
  /**
   * Keys whose creation and drop this step must follow: the routines an object rebuilt around them calls. A
   * routine whose signature changes is dropped under its old one and created under the new: while both
   * overloads exist a call may match both (`function … is not unique`), so the user comes back after both.
   */
  readonly follows?: readonly string[];
}

/** What a planner function says about one statement. */
export interface StepSpec {
  readonly sql: string;
  /** The undoing statement(s); several are joined by `;\n`. Null with `irreversible` saying why. */
  readonly reverse: string | null;
  readonly irreversible?: string;
  readonly hazards?: readonly Hazard[];
  readonly transactional?: boolean;
  readonly object: string;
  readonly op: '+' | '~' | '-';
  readonly phase: Phase;
  readonly creates?: readonly string[];
  readonly drops?: readonly string[];
  readonly needs?: readonly string[];
  /** Locks on existing tables (see locks.ts). */
  readonly locks?: readonly TableLock[];
}

/** Builds a planned step; a step without a reverse always carries the `irreversible` hazard. */
export function plannedStep(change: Change, s: StepSpec): PlannedStep {
  const hazards = [...(s.hazards ?? [])];
  const around = 'around' in change ? change.around : undefined;
  const irreversible = s.reverse === null ? (s.irreversible ?? 'no reverse statement') : null;
  if (irreversible !== null && !hazards.some((h) => h.kind === 'irreversible')) {
    hazards.push({ kind: 'irreversible', message: `${s.object}: ${irreversible}` });
  }
  return {
    step: {
      sql: s.sql,
      reverse: s.reverse,
      irreversible,
      hazards,
      transactional: s.transactional ?? true,
      object: s.object,
      op: s.op,
      change,
      locks: s.locks ?? [],
      timeouts: null,
    },
    phase: s.phase,
    creates: s.creates ?? [],
    drops: s.drops ?? [],
    needs: [...(s.needs ?? []), ...(around && !around.before ? dependencyNeeds(around.dependsOn.filter((d) => d.kind !== 'routine')) : [])],
    precedes: around?.before ? dependencyNeeds(around.dependsOn) : [],
    follows: around && !around.before ? dependencyNeeds(around.dependsOn.filter((d) => d.kind === 'routine')) : [],
  };
}

/** A typed hazard with a message naming the object. */
export function hazard(kind: HazardKind, object: string, message: string): Hazard {
  return { kind, message: `${object}: ${message}` };
}

/** Joins statements into one reverse text (null parts skipped). */
export function statements(...sql: readonly (string | null)[]): string {
  return sql.filter((s): s is string => s !== null).join(';\n');
}
