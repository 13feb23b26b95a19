/** Change[] → Plan (ordered steps with reverses and typed hazards) and its renderings. */
export * from './types';
export { planChanges, planChange, planStepGraph, type StepNode } from './plan-changes';
export { renderUp, renderDown, planToJson, planHazardKinds, type StepJson } from './render';
export { analyzeTypeChange, type TypeChange } from './type-change';
export { describeLock } from './locks';
export { stepTimeouts, timeoutsSql, DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, DEFAULT_LONG_STATEMENT_TIMEOUT_MS } from './timeouts';
export { planPreamble } from './preamble';
export { VOLATILE_DEFAULT } from './plan-column';
export type { LockMode, TableLock, StepTimeouts, PlanOptions } from './types';
export { advanceSequenceSql } from './plan-table-data';
