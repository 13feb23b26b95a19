export * from './changes';
export { diffCatalogs } from './diff-catalogs';
export { matchByKey, type Matched } from './match';
export { renameIdentifierInSql, renameQualifiedInSql } from './rename-sql';
export { columnsOfType } from './type-usage';
export { remapDefault } from './enums';
export { managesGrant } from './grants';
