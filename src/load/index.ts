export { loadSchemaDir, type LoadOptions } from './load-schema-dir';
export { findSchemaFiles } from './find-files';
