export { loadSchemaDir, type LoadOptions } from './load-schema-dir';
export { defaultCacheDir } from './cache-dir';
export { findSchemaFiles } from './find-files';
