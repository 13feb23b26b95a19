export type { Db, EngineKind } from './types';
export { connectPostgres, redactUrl } from './postgres';
export { openPglite, pgliteExtensionsOf, type PgliteOpenOptions } from './pglite';
export { pgliteExtensionNames } from './pglite-extensions';
export { acquirePglite, closePglitePool, type AcquirePgliteOptions } from './pglite-pool';
export { withTransaction, inTransaction } from './transaction';
export { createScratch, type Scratch, type ScratchOptions } from './scratch';
export { resetDatabase } from './reset';
export {
  createTempDatabase,
  dropDatabase,
  withPostgresDatabase,
  defaultAdminUrl,
  urlForDatabase,
  uniqueDatabaseName,
  type TempDatabase,
} from './temp-database';
export { DbQueryError, wrapQueryError, type PgErrorFields } from './errors';
export { takeBackup, restoreBackup, type Backup, type RestoreTarget } from './backup';
export { pgliteInstanceOf } from './pglite';
