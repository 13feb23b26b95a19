export * from './source';
export * from './resolve';
export { normalizeDeclared, withDeclaredOpenings } from './normalize';
