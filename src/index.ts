/**
 * schemakit: the declaration API (what `schema/*.ts` files import) and the library surface.
 */
export * from './declare';
export type { Catalog, Schema, Extension, Enum, Table, Column, Constraint, Index, IndexKey, Renames } from './model';
export type { View, ViewColumn, Routine, Trigger, EventTrigger, Rule, RuleEvent, Dependency } from './model';
export type {
  Aggregate,
  AggregateKind,
  AggregateFinal,
  MovingAggregate,
  FinalModify,
  RangeType,
  Statistics,
  StatisticsKind,
  TextSearchConfiguration,
  TextSearchDictionary,
} from './model';
export type { Sequence, SequenceOptions, Domain, DomainCheck, CompositeType, CompositeAttribute, Collation, Grant } from './model';
export type { Publication, PublicationTable, PublishAction, ForeignServer, ForeignTable, ForeignColumn, FdwOption } from './model';
export { diffCatalogs, type Change } from './diff';
export { planChanges, renderUp, renderDown, type Plan, type Step, type Hazard, type HazardKind } from './plan';
export { introspect } from './introspect';
export { connectPostgres, openPglite, type Db } from './db';
export { applyPlan } from './apply';
export { loadSchemaDir } from './load';
export { SchemakitError, type Problem } from './util';
export { restoreBackup, type RestoreTarget } from './db';
export { takeBackup, type Backup } from './backup';
export { runPreflight, lintPlan, lintScript, type PreflightFinding, type LintFinding } from './lint';
export type { PlanOptions, TableLock, LockMode } from './plan';
export { loadCsv, exportCsv, readCsvFile, diffReferenceData, type LoadOptions, type ExportOptions, type CsvFile, type ValidTable } from './data';
export { prepareReferenceData, planDeclaredWithData, type DataOptions, type PreparedData } from './pipeline';
export { planTarget, planDiff, comparesPrivileges, type PlanTargetOptions, type PlanDiffOptions, type SourcedSide } from './pipeline';
export { parseSource, openSource, resolveSide, type Source, type Side } from './pipeline';
export { ensureDatabase, migrateTargetUp as migrateUp, migrationStatus, type TargetSelection, type MigrationStatus, type EnsureResult } from './pipeline';
export type { MigrationRun, MigrationState } from './migrate';
export { loadConfig, resolveTarget, maskUrl, type ProjectConfig, type EnvConfig, type Policy, type ResolvedTarget } from './config';
export { health, lintDeclared, lintDesign, planVacuum, planRefresh, runMaintenance, healthKinds, defaultThresholds } from './health';
export type { HealthOptions, HealthReport, Finding, Fix, Severity, HealthKind, Thresholds, Unavailable, MaintenanceStep } from './health';
export { createBackup, listBackups, pruneBackups, verifyBackup, restoreTables, readSidecar, restoreDatabase, checkBackupSha256 } from './backup';
export type {
  BackupKind,
  BackupMeta,
  BackupTable,
  CreateBackupOptions,
  CreatedBackup,
  ListedBackup,
  PruneOptions,
  PruneResult,
  VerifyCheck,
  VerifyResult,
  RestoreTablesOptions,
} from './backup';
export { checkData, dedupe, parseKeep, checkKinds } from './check';
export type { CheckOptions, CheckReport, CheckFinding, CheckSkipped, CheckKind, DedupeOptions, DedupeReport, KeepStrategy } from './check';
export type { Integrity, NaturalKey, LogicalForeignKey, TableExpectation, DataCheck } from './model';
export * from './fleet';
export { scopeCatalog, FULL_SCOPE, describeOutOfScope, introspectOutOfScope, type Scope, type OutOfScope } from './introspect';
