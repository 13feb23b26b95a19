import { nameKey, ruleParts, type Catalog } from '../../model';
import { SchemakitError, type Problem } from '../../util';

/**
 * The objects of a catalog that pull cannot write as declarations yet. A plan after a pull that left them
 * out would drop them, so pull refuses instead. A grant on an object pull does not write fails in emitGrants.
 */
export function unwritableObjects(catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  const add = (object: string, what: string) => problems.push({ code: 'pull-unsupported', object, message: `pull does not write ${what} yet` });
  // Every kind of the model is written today (BEGIN ATOMIC bodies, triggers on built-in or extension
  // functions and INCLUDE on materialized views' indexes too, issue 9); a kind added without a writer goes here.
  for (const r of catalog.rules) if (ruleParts(r) === null) add(nameKey(r.schema, r.table, r.name), `the rule ${r.definition}`);
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
