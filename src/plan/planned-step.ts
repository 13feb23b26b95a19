import type { Change } from '../diff';
import { dependencyNeeds } from './graph-keys';
import type { Hazard, HazardKind, Step, TableLock } from './types';

/**
 * Phases give the natural order of a plan; they only break ties; the dependency edges (creates / drops /
 * needs) decide. Renames first, then drops in reverse dependency order, then creates in dependency order.
 */
export const Phase = {
  NonTransactional: 0,
  Rename: 1,
  DropForeignKey: 2,
  DropIndex: 3,
  DropConstraint: 4,
  DropColumn: 5,
  DropTable: 6,
  DropEnum: 7,
  DropExtension: 8,
  DropSchema: 9,
  CreateSchema: 10,
  Extension: 11,
  Enum: 12,
  CreateTable: 13,
  AddColumn: 14,
  AlterColumn: 15,
  AddConstraint: 16,
  AddForeignKey: 17,
  CreateIndex: 18,
  Comment: 19,
  /** Reference data (issue 12): deletes, children first; then writes, parents first. */
  DeleteData: 19.2,
  WriteData: 19.4,
  /** Online mode: index builds, validations and what follows them, each on its own after the main transaction. */
  Online: 20,
  // Views, routines and triggers: drops before the tables, columns and types they read; routines created
  // before tables (defaults, checks and indexes may call them) and dropped after the defaults that may call
  // them were altered (edges still put a routine's drop before the drop of a type it uses); views and
  // triggers after indexes.
  DropTrigger: 1.4,
  DropView: 1.6,
  DropRoutine: 15.5,
  CreateRoutine: 12.5,
  CreateView: 18.4,
  RefreshView: 18.5,
  CreateTrigger: 18.6,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

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
    needs: [...(s.needs ?? []), ...(around && !around.before ? dependencyNeeds(around.dependsOn) : [])],
    precedes: around?.before ? dependencyNeeds(around.dependsOn) : [],
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
