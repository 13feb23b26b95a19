export type { Db, EngineKind } from './types';
export { connectPostgres, connectTimeoutOf, DEFAULT_CONNECT_TIMEOUT_S } from './postgres';
export { redactUrl } from '../util';
export { openPglite, pgliteExtensionsOf, PGLITE_PG_MAJOR, type PgliteOpenOptions } from './pglite';
export { pgliteExtensionNames } from './pglite-extensions';
export { acquirePglite, closePglitePool, startOwnPglite, type AcquirePgliteOptions } from './pglite-pool';
export { pgliteBuildStamp } from './pglite-template';
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
export { queryRow } from './query-row';
export { childConnection } from './child-connection';
export { restoreBackup, run as runPgProgram, type RestoreTarget } from './restore';
export { acquireEngineLock, engineLockPath, describeEngineHolder, type EngineLock, type EngineLockHolder, type EngineLockOptions } from './engine-lock';
export { pgliteInstanceOf, pgliteDataDirOf } from './pglite';
export { copyIn, copyOut } from './copy-session';
export { pgliteStateId, unchangedPgliteState, forgetPgliteState, pgliteStatePath } from './pglite-state';
