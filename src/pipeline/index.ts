export * from './source';
export * from './resolve';
export { normalizeDeclared } from './normalize';
