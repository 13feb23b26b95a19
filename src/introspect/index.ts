export { introspect, introspectAhead, type IntrospectOptions } from './introspect';
export { introspectSchemas } from './schemas';
export { introspectExtensions } from './extensions';
export { introspectEnums } from './enums';
export { introspectTables } from './tables';
export { introspectConstraints } from './constraints';
export { introspectIndexes } from './indexes';
export { introspectUnmanaged, type UnmanagedObject } from './unmanaged';
export { introspectViews } from './views';
export { introspectRoutines } from './routines';
export { introspectTriggers, introspectEventTriggers } from './triggers';
export { introspectRules } from './rules';
export {
  describeOutOfScope,
  FULL_SCOPE,
  introspectOutOfScope,
  isFullScope,
  schemaInScope,
  scopeCatalog,
  tableInScope,
  type OutOfScope,
  type Scope,
} from './scope';
