/** Fleets: one schema across many databases or tenant schemas, with bounded concurrency and per-target results. */
export type { FleetTarget, TargetResult, FleetProgress, FleetRunOptions } from './types';
export { resolveFleet, targetId, tenantSchemas } from './resolve-fleet';
export { runFleet, type TargetOutcome } from './run-fleet';
export { tenantHistory, tenantLockKey, scopeOf, enterTenant, type TargetScope } from './tenant-scope';
export { openFleetTarget, withFleetTarget } from './open-target';
export { migrateFleetUp, fleetMigrationStatus, pingFleet, type FleetMigrateOptions } from './fleet-migrate';
export { checkFleet, findingsSummary, type FleetCheckOptions } from './fleet-check';
export { healthFleet, type FleetHealthOptions } from './fleet-health';
export {
  planFleet,
  applyFleet,
  rebindCatalog,
  renameSchemaIn,
  declaredTenantSchema,
  type FleetPlan,
  type FleetPlanGroup,
  type FleetApplyOptions,
} from './fleet-plan';
