/** Reference data (issue 12): CSV reading and validation, row diff by key, COPY load/export. */
export { readCsvFile, streamCsv, csvParseOptions, type CsvFile, type CsvRecord } from './read-csv';
export { findReferenceTables, mapReferenceTable, type ReferenceTable, type MappedTable } from './reference-tables';
export { validateRows, validateForeignKeys, type ValidTable } from './validate-rows';
export { diffReferenceData } from './diff-rows';
export { loadCsv, exportCsv, parseTableName, type LoadOptions, type ExportOptions, type CopyProgress } from './copy';
