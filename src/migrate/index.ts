/** Versioned migrations: files, history, lock, runner. */
export { splitStatements, type FileStatement } from './split-statements';
export { metaFromPlan, renderMeta, parseMeta, type MigrationMeta } from './migration-meta';
export { readMigrations, writeMigration, nextVersion, timestampVersion, compareVersions, type MigrationFile, type NewMigration } from './migration-files';
export {
  ensureHistory,
  hasHistory,
  insertHistory,
  readHistory,
  readProgress,
  historyDdl,
  HISTORY_DDL,
  DEFAULT_HISTORY,
  type HistoryLocation,
  type HistoryRow,
  type Progress,
  type BatchProgress,
} from './history';
export { substitutePlaceholders, type Placeholders } from './placeholders';
export { parseBatchDirective, DEFAULT_BATCH_SIZE, type BatchSpec } from './batch-directive';
export { runBatched, type BatchJob, type BatchReport, type BatchHooks } from './run-batched';
export { dataMigrationTemplate, type DataTemplateOptions } from './data-template';
export { withMigrationLock, migrationLockHolder, describeHolder, MIGRATION_LOCK_KEY, type LockHolder, type LockOptions } from './migration-lock';
export { runScript, type Script, type ScriptHooks, type ScriptResult } from './run-script';
export {
  migrateUp,
  migrateDown,
  upScript,
  editedApplied,
  describeProgress,
  type MigrateUpOptions,
  type MigrateDownOptions,
  type MigrationRun,
  type MigrationScope,
} from './run-migrations';
export { planMigrateDown, checkDownHazards, type DownTarget } from './run-migrations';
export { migrationStates, type MigrationState } from './migration-status';
export { catalogHash, hashedOn } from './catalog-hash';
export { resolveMigration, type ResolveResult } from './resolve';
export { readForeignMigrations, writeImported, adoptHistory, type ImportedMigration, type ImportWrite, type AdoptedRow } from './import-layout';
