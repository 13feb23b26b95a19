/** Change[] → Plan (ordered steps with reverses and typed hazards) and its renderings. */
export * from './types';
export { planChanges, planChange } from './plan-changes';
export { renderUp, renderDown, planToJson, planHazardKinds, type StepJson } from './render';
export { analyzeTypeChange, type TypeChange } from './type-change';
export { planPreamble } from './preamble';
