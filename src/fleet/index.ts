/** Fleets: one schema across many databases or tenant schemas, with bounded concurrency and per-target results. */
export type { FleetTarget, TargetResult, FleetProgress, FleetRunOptions } from './types';
export { resolveFleet, targetId, tenantSchemas } from './resolve-fleet';
export { runFleet, type TargetOutcome } from './run-fleet';
export { tenantDb, tenantLockKey, tenantHistoryTable } from './tenant-db';
export { openFleetTarget, withFleetTarget } from './open-target';
export { migrateFleetUp, fleetMigrationStatus, pingFleet, type FleetMigrateOptions } from './fleet-migrate';
export { planFleet, applyFleet, rebindCatalog, declaredTenantSchema, type FleetPlan, type FleetPlanGroup, type FleetApplyOptions } from './fleet-plan';
