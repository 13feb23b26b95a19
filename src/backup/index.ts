export type { BackupKind, BackupMeta, BackupTable } from './types';
export { sidecarPath, readSidecar, fileSha256, checkBackupSha256 } from './sidecar';
export { restoreDatabase } from './restore-database';
export { takeBackup, type Backup } from './take-backup';
export { createBackup, describeDatabase, schemakitVersion, type CreateBackupOptions, type CreatedBackup } from './create-backup';
export { listBackups, pruneBackups, parseAge, type ListedBackup, type PruneOptions, type PruneResult } from './list-backups';
export { verifyBackup, type VerifyCheck, type VerifyResult } from './verify-backup';
export { restoreTables, tocEntriesOf, type RestoreTablesOptions } from './restore-tables';
