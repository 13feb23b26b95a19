/** Quoting and pure DDL string builders (no trailing `;`), one file per object kind. */
export * from './quote';
export * from './expr';
export * from './schema';
export * from './extension';
export * from './enum';
export * from './column';
export * from './constraint';
export * from './table';
export * from './index-def';
export * from './comment';
export * from './enum-rebuild';
export * from './sequence';
export * from './domain';
export * from './composite-type';
export * from './collation';
export * from './grant';
