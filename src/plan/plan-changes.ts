import type { Change } from '../diff';
import { assertNever } from '../util';
import { planContext, type PlanContext } from './context';
import { orderSteps } from './order';
import { planAlterColumn } from './plan-alter-column';
import { planAddColumn, planDropColumn, planRenameColumn } from './plan-column';
import { planSetComment } from './plan-comment';
import { planAddConstraint, planDropConstraint, planRenameConstraint, planValidateConstraint } from './plan-constraint';
import { planAddEnumValue, planCreateEnum, planDropEnum, planRenameEnum, planRenameEnumValue } from './plan-enum';
import { planAlterExtension, planCreateExtension, planDropExtension } from './plan-extension';
import { planCreateIndex, planDropIndex, planRenameIndex } from './plan-index';
import { planRecreateEnum } from './plan-recreate-enum';
import { planCreateSchema, planDropSchema } from './plan-schema';
import { planCreateTable, planDropTable, planRenameTable } from './plan-table';
import type { PlannedStep } from './planned-step';
import { planCreateRoutine, planDropRoutine, planRenameRoutine, planReplaceRoutine } from './plan-routine';
import { planCreateRule, planDropRule, planReplaceRule } from './plan-rule';
import {
  planAlterEventTrigger,
  planAlterTrigger,
  planCreateEventTrigger,
  planCreateTrigger,
  planDropEventTrigger,
  planDropTrigger,
  planRenameTrigger,
} from './plan-trigger';
import { planAlterViewColumns, planAlterViewStorage, planCreateView, planDropView, planRefreshView, planRenameView, planReplaceView } from './plan-view';
import { stepTimeouts } from './timeouts';
import type { Plan, PlanOptions, Step } from './types';
import { planCreateSequence, planDropSequence, planAlterSequence } from './plan-sequence';
import { planAlterDomain, planCreateDomain, planDropDomain } from './plan-domain';
import { planAlterCompositeType, planCreateCompositeType, planDropCompositeType } from './plan-composite-type';
import { planCreateCollation, planDropCollation } from './plan-collation';
import { planRenameTypeMember, planRenameTypeObject } from './plan-type-object-rename';
import { planRenameForeignColumn, planRenameObject } from './plan-object-rename';
import { planAlterPolicy, planCreatePolicy, planDropPolicy, planRenamePolicy } from './plan-policy';
import { planAlterInheritedColumn } from './plan-inherited-column';
import { planGrantDefaultPrivilege, planRevokeDefaultPrivilege } from './plan-default-privilege';
import { planAlterColumnStorage, planAlterTableShape, planAttachPartition, planDetachPartition } from './plan-table-shape';
import { planAttachPartitionIndex } from './plan-partition-index';
import { planGrantPrivilege, planRevokePrivilege } from './plan-grant';
import { planReplicationChange } from './plan-publication';
import { planRecreateCompositeType, planRecreateDomain } from './plan-recreate-domain';
import { planSyncTableData } from './plan-table-data';
import { planCreateAggregate, planDropAggregate, planReplaceAggregate } from './plan-aggregate';
import { planCreateRangeType, planDropRangeType, planRecreateRangeType } from './plan-range-type';
import { planAlterStatistics, planCreateStatistics, planDropStatistics } from './plan-statistics';
import * as textSearch from './plan-text-search';

/** The steps of one change, each with its reverse and hazards. */
export function planChange(c: Change, ctx: PlanContext): PlannedStep[] {
  switch (c.kind) {
    case 'CreateSchema':
      return planCreateSchema(c);
    case 'DropSchema':
      return planDropSchema(c);
    case 'CreateExtension':
      return planCreateExtension(c);
    case 'DropExtension':
      return planDropExtension(c);
    case 'AlterExtension':
      return planAlterExtension(c);
    case 'CreateEnum':
      return planCreateEnum(c);
    case 'DropEnum':
      return planDropEnum(c);
    case 'RenameEnum':
      return planRenameEnum(c);
    case 'RenameEnumValue':
      return planRenameEnumValue(c);
    case 'AddEnumValue':
      // The readers' steps run inside the reverse's one statement list: never online (CONCURRENTLY refuses a transaction block).
      return planAddEnumValue(c, ctx, (r) => planChange(r, planContext(c.readers ?? [], { online: false })));
    case 'RecreateEnum':
      return planRecreateEnum(c);
    case 'CreateTable':
      return planCreateTable(c);
    case 'DropTable':
      return planDropTable(c);
    case 'RenameTable':
      return planRenameTable(c);
    case 'AddColumn':
      return planAddColumn(c, ctx);
    case 'DropColumn':
      return planDropColumn(c);
    case 'RenameColumn':
      return planRenameColumn(c);
    case 'AlterColumn':
      return planAlterColumn(c, ctx);
    case 'AddConstraint':
      return planAddConstraint(c, ctx);
    case 'DropConstraint':
      return planDropConstraint(c);
    case 'RenameConstraint':
      return planRenameConstraint(c);
    case 'ValidateConstraint':
      return planValidateConstraint(c, ctx);
    case 'CreateIndex':
      return planCreateIndex(c, ctx);
    case 'DropIndex':
      return planDropIndex(c, ctx);
    case 'RenameIndex':
      return planRenameIndex(c);
    case 'SetComment':
      return planSetComment(c);
    case 'CreateView':
      return planCreateView(c);
    case 'DropView':
      return planDropView(c);
    case 'ReplaceView':
      return planReplaceView(c);
    case 'RenameView':
      return planRenameView(c);
    case 'RefreshView':
      return planRefreshView(c);
    case 'AlterViewStorage':
      return planAlterViewStorage(c);
    case 'AlterViewColumns':
      return planAlterViewColumns(c);
    case 'CreateRoutine':
      return planCreateRoutine(c);
    case 'DropRoutine':
      return planDropRoutine(c);
    case 'ReplaceRoutine':
      return planReplaceRoutine(c);
    case 'RenameRoutine':
      return planRenameRoutine(c);
    case 'CreateTrigger':
      return planCreateTrigger(c);
    case 'DropTrigger':
      return planDropTrigger(c);
    case 'RenameTrigger':
      return planRenameTrigger(c);
    case 'CreateRule':
      return planCreateRule(c);
    case 'DropRule':
      return planDropRule(c);
    case 'ReplaceRule':
      return planReplaceRule(c);
    case 'CreateEventTrigger':
      return planCreateEventTrigger(c);
    case 'DropEventTrigger':
      return planDropEventTrigger(c);
    case 'AlterEventTrigger':
      return planAlterEventTrigger(c);
    case 'AlterTrigger':
      return planAlterTrigger(c);
    case 'CreateSequence':
      return planCreateSequence(c);
    case 'DropSequence':
      return planDropSequence(c);
    case 'AlterSequence':
      return planAlterSequence(c);
    case 'CreateDomain':
      return planCreateDomain(c);
    case 'DropDomain':
      return planDropDomain(c);
    case 'AlterDomain':
      return planAlterDomain(c);
    case 'RecreateDomain':
      return planRecreateDomain(c);
    case 'CreateCompositeType':
      return planCreateCompositeType(c);
    case 'DropCompositeType':
      return planDropCompositeType(c);
    case 'AlterCompositeType':
      return planAlterCompositeType(c);
    case 'RecreateCompositeType':
      return planRecreateCompositeType(c);
    case 'CreateTextSearchDictionary':
      return textSearch.planCreateTextSearchDictionary(c);
    case 'DropTextSearchDictionary':
      return textSearch.planDropTextSearchDictionary(c);
    case 'AlterTextSearchDictionary':
      return textSearch.planAlterTextSearchDictionary(c);
    case 'CreateTextSearchConfiguration':
      return textSearch.planCreateTextSearchConfiguration(c);
    case 'DropTextSearchConfiguration':
      return textSearch.planDropTextSearchConfiguration(c);
    case 'AlterTextSearchConfiguration':
      return textSearch.planAlterTextSearchConfiguration(c);
    case 'CreateStatistics':
      return planCreateStatistics(c);
    case 'DropStatistics':
      return planDropStatistics(c);
    case 'AlterStatistics':
      return planAlterStatistics(c);
    case 'CreateRangeType':
      return planCreateRangeType(c);
    case 'DropRangeType':
      return planDropRangeType(c);
    case 'RecreateRangeType':
      return planRecreateRangeType(c);
    case 'CreateAggregate':
      return planCreateAggregate(c);
    case 'DropAggregate':
      return planDropAggregate(c);
    case 'ReplaceAggregate':
      return planReplaceAggregate(c);
    case 'CreateCollation':
      return planCreateCollation(c);
    case 'DropCollation':
      return planDropCollation(c);
    case 'RenameTypeObject':
      return planRenameTypeObject(c);
    case 'RenameTypeMember':
      return planRenameTypeMember(c);
    case 'RenameObject':
      return planRenameObject(c);
    case 'RenameForeignColumn':
      return planRenameForeignColumn(c);
    case 'AlterTableShape':
      return planAlterTableShape(c);
    case 'AttachPartition':
      return planAttachPartition(c);
    case 'AttachPartitionIndex':
      return planAttachPartitionIndex(c);
    case 'DetachPartition':
      return planDetachPartition(c);
    case 'AlterColumnStorage':
      return planAlterColumnStorage(c);
    case 'AlterInheritedColumn':
      return planAlterInheritedColumn(c);
    case 'GrantDefaultPrivilege':
      return planGrantDefaultPrivilege(c);
    case 'RevokeDefaultPrivilege':
      return planRevokeDefaultPrivilege(c);
    case 'CreatePolicy':
      return planCreatePolicy(c);
    case 'DropPolicy':
      return planDropPolicy(c);
    case 'AlterPolicy':
      return planAlterPolicy(c);
    case 'RenamePolicy':
      return planRenamePolicy(c);
    case 'GrantPrivilege':
      return planGrantPrivilege(c);
    case 'RevokePrivilege':
      return planRevokePrivilege(c);
    case 'SyncTableData':
      return planSyncTableData(c);
    case 'CreatePublication':
    case 'DropPublication':
    case 'AlterPublication':
    case 'CreateForeignServer':
    case 'DropForeignServer':
    case 'AlterForeignServer':
    case 'CreateForeignTable':
    case 'DropForeignTable':
    case 'AlterForeignTable':
      return planReplicationChange(c);
    default:
      return assertNever(c, 'change');
  }
}

/**
 * Turns the diff's changes into an ordered plan: one or more steps per change, ordered by the dependency
 * graph between them (renames, drops in reverse dependency order, then creates in dependency order).
 * Online (`options.online`), tables in use are changed with short locks (see PlanOptions) and every step
 * carries its timeouts.
 */
export function planChanges(changes: readonly Change[], options: PlanOptions = {}): Plan {
  const steps = planStepGraph(changes, options).map((p) => p.step);
  return { steps: options.online ? steps.map((s) => ({ ...s, timeouts: stepTimeouts(s, options) })) : steps };
}

/** A step of a plan with the graph keys it creates and needs (see graph-keys.ts). */
export interface StepNode {
  readonly step: Step;
  readonly creates: readonly string[];
  readonly needs: readonly string[];
}

/**
 * The ordered steps of planChanges with their dependency data, for a caller that runs them one by one and
 * must know which later steps a rejected one takes down with it (normalization reporting every error).
 */
export function planStepGraph(changes: readonly Change[], options: PlanOptions = {}): StepNode[] {
  const ctx = planContext(changes, options);
  return orderSteps(changes.map((c) => planChange(c, ctx))).map(({ step, creates, needs }) => ({ step, creates, needs }));
}
