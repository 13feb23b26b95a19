/** `schemakit health`: statistics-based findings, design lint over the declared model, maintenance commands. */
export { health, lintDeclared, kindFilter, sortFindings, type HealthOptions, type DeclaredModel } from './health';
export { lintDesign, type DesignLintOptions } from './design-lint';
export {
  healthKinds,
  allHealthKinds,
  categoryOf,
  defaultThresholds,
  type Finding,
  type Fix,
  type Severity,
  type HealthKind,
  type HealthCategory,
  type HealthReport,
  type Thresholds,
  type Unavailable,
} from './types';
export { readBloat, type Bloat, type BloatOptions } from './bloat';
export { statementsHowTo } from './statement-findings';
export { planVacuum, runMaintenance, type MaintenanceStep, type MaintenanceResult, type VacuumOptions } from './maintenance';
export { planRefresh } from './refresh';
