export * from './compare';
export { normalizeDeclared, normalizeInto, withDeclaredOpenings, type NormalizeOptions } from './normalize';
export { withDeclaredText } from './declared-text';
export { generateMigration, type GenerateOptions, type GenerateResult } from './generate-migration';
export { openReplayScratch, replayInto, extensionsCreatedBy, type ReplayTarget } from './replay-migrations';
export { checkMigrations, type CheckReport, type CheckOptions } from './check-migrations';
export { migrationDrift, type Drift } from './migration-drift';
export { validatePlan, validateRun, planValidated, remainingSteps, assertValidated, type PlanValidation, type ValidatedPlan } from './validate-plan';
export {
  prepareReferenceData,
  refuseInvalidData,
  planDeclaredWithData,
  planReferenceData,
  prepareEmbeddedAhead,
  type DataOptions,
  type PreparedData,
  type OnPhase,
} from './reference-data';
export { databaseExists, databaseName, createTargetDatabase, dropTargetDatabase, openEnvTarget } from './database-lifecycle';
export {
  ensureDatabase,
  migrateTargetUp,
  migrationStatus,
  selectTarget,
  planDeclared,
  type TargetSelection,
  type MigrationStatus,
  type EnsureResult,
} from './ensure-database';
export { defaultCacheDir } from '../load';
export { planTarget, type PlanTargetOptions } from './plan-target';
export { readTableStats, referenceDataCounts, type TableStatFact, type ReferenceDataCount } from './docs-facts';
export { embeddedResultCache, type EmbeddedResultCache, type EmbeddedResultInputs } from './plan-cache';
