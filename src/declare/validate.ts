import { nameKey } from '../model';
import type { Problem } from '../util';
import type { Declared } from './declared';
import { validateColumns } from './validate-columns';
import { validateIntegrity } from './validate-integrity';
import { validationContext } from './validate-context';
import { validateNames } from './validate-names';
import { validateReferences } from './validate-references';
import { validateRenames } from './validate-renames';
import { validateTableShapes } from './validate-table-shapes';
import { validateTypeObjects } from './validate-type-objects';

const PUBLIC_SCHEMAS = new Set(['public', 'pg_catalog']);

/**
 * Checks declarations and returns every problem at once (empty when valid), each naming the object and
 * the file:line of its declaration: duplicate or over-long names, undeclared schemas, broken foreign
 * keys, constraints and indexes on missing columns, conflicting column defaults, bad rename intents.
 */
export function validateDeclared(declared: Declared): Problem[] {
  const { ctx, problems } = validationContext(declared);
  const schemas = new Set(declared.catalog.schemas.map((s) => s.name));
  const inSchema = (what: string, schema: string, object: string) => {
    if (!schemas.has(schema) && !PUBLIC_SCHEMAS.has(schema))
      ctx.report('undeclared-schema', object, `${what} ${object} is in schema ${schema}, which is not declared (declare it with schema('${schema}'))`);
  };
  for (const t of declared.catalog.tables) inSchema('table', t.schema, nameKey(t.schema, t.name));
  for (const e of declared.catalog.enums) inSchema('enum', e.schema, nameKey(e.schema, e.name));
  for (const e of declared.catalog.extensions) inSchema('extension', e.schema, e.name);
  for (const v of declared.catalog.views) inSchema(v.materialized ? 'materialized view' : 'view', v.schema, nameKey(v.schema, v.name));
  for (const r of declared.catalog.routines) inSchema(r.procedure ? 'procedure' : 'function', r.schema, nameKey(r.schema, r.name));
  for (const a of declared.catalog.aggregates) inSchema('aggregate', a.schema, nameKey(a.schema, a.name));
  for (const x of [...declared.catalog.textSearchDictionaries, ...declared.catalog.textSearchConfigurations])
    inSchema('text search object', x.schema, nameKey(x.schema, x.name));
  for (const x of declared.catalog.statistics) inSchema('statistics', x.schema, nameKey(x.schema, x.name));
  validateNames(ctx);
  validateColumns(ctx);
  validateReferences(ctx);
  validateRenames(ctx);
  validateTableShapes(ctx);
  validateTypeObjects(ctx, inSchema);
  problems.push(...validateIntegrity(declared.catalog, declared.integrity));
  return sortByLocation(problems);
}

/** Problems in file order, then line order (stable: rule order within a line). */
function sortByLocation(problems: readonly Problem[]): Problem[] {
  const place = (p: Problem): [string, number] => {
    const [, file, line] = /^(.*):(\d+)$/.exec(p.location ?? '') ?? [];
    return file !== undefined && line !== undefined ? [file, Number(line)] : ['\uffff', 0];
  };
  return [...problems].sort((a, b) => {
    const [fa, la] = place(a);
    const [fb, lb] = place(b);
    return fa < fb ? -1 : fa > fb ? 1 : la - lb;
  });
}
