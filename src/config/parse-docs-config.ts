import type { Node } from 'yaml';
import { isScalar, type Reader } from './config-reader';
import type { DocsConfig } from './types';

const DOCS_KEYS = ['areas', 'maxDiagramChars', 'maxDiagramTables'];

/**
 * `docs:` of schemakit.yaml: `areas` (area name → list of table patterns, `schema.table` or `table`, `*`
 * any characters) and the diagram limits `maxDiagramChars` and `maxDiagramTables` (whole numbers ≥ 1).
 */
export function readDocsConfig(r: Reader, node: Node | null): DocsConfig {
  let docs: DocsConfig = { areas: [], maxDiagramChars: null, maxDiagramTables: null };
  for (const [k, v] of r.entries(node, 'docs', DOCS_KEYS)) {
    if (k === 'areas') {
      const areas: { name: string; tables: string[] }[] = [];
      for (const [name, av] of r.entries(v, 'docs.areas', null)) {
        const tables = r.strings(av, `docs.areas.${name}`);
        if (tables !== null && tables.length === 0) r.problem(av, `docs.areas.${name}`, 'must list at least one table pattern, e.g. [billing.*]');
        else if (tables !== null) areas.push({ name, tables });
      }
      docs = { ...docs, areas };
    } else if (isScalar(v) && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 1) {
      docs = { ...docs, [k]: v.value };
    } else {
      r.problem(v, `docs.${k}`, 'must be a whole number ≥ 1');
    }
  }
  return docs;
}
