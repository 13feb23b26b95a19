/**
 * The part of the pipeline that compares two sources (`schemakit diff`): parse and open them, read each
 * side, plan from one to the other. A declarations directory loads the schema loader and normalization
 * when it is read; two databases need neither (nor migrations or reference data), so the CLI's diff
 * imports this file rather than the whole barrel (see test/architecture/imports.test.ts).
 */
export * from './source';
export * from './resolve';
export { planDiff, comparesPrivileges, type PlanDiffOptions, type SourcedSide } from './plan-diff';
