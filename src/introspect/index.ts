export { introspect } from './introspect';
export { introspectSchemas } from './schemas';
export { introspectExtensions } from './extensions';
export { introspectEnums } from './enums';
export { introspectTables } from './tables';
export { introspectConstraints } from './constraints';
export { introspectIndexes } from './indexes';
export { introspectUnmanaged, type UnmanagedObject } from './unmanaged';
