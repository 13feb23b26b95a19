// The part of pipeline's surface that `plan` runs (and the CLI's target opening), without the barrel's
// migrations, apply, validation replay and docs facts: `plan --url` loaded migrate/ and apply/ through
// index.ts (generate-migration, ensure-database) and never ran them. index.ts re-exports all of it too;
// test/architecture/startup.test.ts checks what `plan` loads.
export { normalizeDeclared } from './normalize';
export { prepareEmbeddedAhead } from './reference-data';
export { openEnvTarget } from './database-lifecycle';
export { planTarget, type PlanTargetOptions } from './plan-target';
export { embeddedResultCache } from './plan-cache';
