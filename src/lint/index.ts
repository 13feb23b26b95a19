/** Lint and pre-flight: what a plan or a migration script would do to a live database, before it runs. */
export { runPreflight, checkPreflight, renderPreflight, isFailing as isFailingPreflight, type PreflightFinding, type PreflightOptions } from './preflight';
export type { PreflightKind } from './preflight-checks';
export {
  lintPlan,
  lintScript,
  scriptTables,
  renderLint,
  DEFAULT_LARGE_TABLE_ROWS,
  DEFAULT_LARGE_TABLE_BYTES,
  type LintFinding,
  type LintOptions,
  type LintRule,
  type LintSeverity,
} from './lint';
export { analyzeStatement, type StatementFacts } from './lint-statement';
export { readTableSizes, formatBytes, formatRows, type TableSize, type TableSizes } from './table-sizes';
