export * from './source';
export * from './resolve';
export { normalizeDeclared, normalizeInto, withDeclaredOpenings } from './normalize';
