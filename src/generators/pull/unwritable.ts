import type { Catalog } from '../../model';
import { SchemakitError, type Problem } from '../../util';

/** `schema.name` of an object in a problem. */
const q = (schema: string, name: string): string => `${schema}.${name}`;

/**
 * The objects of a catalog that pull cannot write as declarations yet. A plan after a pull that left them
 * out would drop them, so pull refuses instead. A grant on an object pull does not write fails in emitGrants.
 */
export function unwritableObjects(catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  const add = (object: string, what: string) => problems.push({ code: 'pull-unsupported', object, message: `pull does not write ${what} yet` });
  for (const r of catalog.routines) if (r.atomic) add(`${q(r.schema, r.name)}(${r.identityArgs})`, 'BEGIN ATOMIC bodies');
  const triggerFunctions = new Set(catalog.routines.filter((r) => r.identityArgs === '').map((r) => q(r.schema, r.name)));
  for (const t of catalog.triggers)
    if (!triggerFunctions.has(q(t.functionSchema, t.functionName))) add(`${q(t.schema, t.table)}.${t.name}`, 'triggers running a function that is not pulled');
  for (const e of catalog.eventTriggers)
    if (!triggerFunctions.has(q(e.functionSchema, e.functionName))) add(e.name, 'event triggers running a function that is not pulled');
  const tables = new Set(catalog.tables.map((t) => q(t.schema, t.name)));
  for (const i of catalog.indexes)
    if (!tables.has(q(i.schema, i.table)) && i.include.length > 0) add(`${q(i.schema, i.table)}.${i.name}`, 'INCLUDE of indexes on materialized views');
  return problems;
}

/** Throws a SchemakitError naming every object pull cannot write yet (none: returns). */
export function assertWritable(catalog: Catalog): void {
  const problems = unwritableObjects(catalog);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 20).map((p) => `  ${p.object}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
  throw new SchemakitError(
    'introspect',
    'pull-unsupported',
    `pull cannot write ${problems.length} object(s) of this database as declarations yet; a plan after the pull would drop them:\n${shown.join('\n')}`,
    { problems },
  );
}
