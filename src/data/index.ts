/** Reference data (issue 12): CSV reading and validation, row diff by key, COPY load/export. */
export { readCsvFile, streamCsv, csvParseOptions, copyReadable, type CsvFile, type CsvRecord, type CopyReadable } from './read-csv';
export { findReferenceTables, mapReferenceTable, type ReferenceTable, type MappedTable } from './reference-tables';
export { validateRows, validateRowsCopied, type ValidTable, type ValidateOptions } from './validate-rows';
export { dropStaged } from './stage-rows';
export { validateForeignKeys } from './validate-foreign-keys';
export { diffReferenceData } from './diff-rows';
export { parseTableName } from '../sql';
export { loadCsv, exportCsv, type LoadOptions, type ExportOptions, type CopyProgress } from './copy';
export { loadSeed, type SeedLoaded } from './seed';
