import type * as TsMorph from 'ts-morph';
import type { Catalog } from '../../model';
import { emitEnum, emitExtension, emitSchema } from './emit-declarations';
import { emitEventTrigger, emitRoutine, emitTrigger, emitView, routinesInOrder, viewsInOrder } from './emit-programmable';
import { emitGrants } from './emit-grants';
import { emitForeignServer, emitForeignTable, emitPublication } from './emit-replication';
import { emitAggregate } from './emit-aggregate';
import { emitRangeType } from './emit-range-type';
import { emitStatistics } from './emit-statistics';
import { emitTextSearchConfiguration, emitTextSearchDictionary } from './emit-text-search';
import { emitTable } from './emit-table';
import { emitCollation, emitCompositeType, emitDomain, emitSequence } from './emit-type-objects';
import { Imports } from './imports';
import { pullContext, type PullContext } from './pull-context';
import { pullKey, routinePullKey, triggerPullKey, type Placement, type PullLayout } from './pull-names';
import { assertWritable } from './unwritable';
import { emitRule } from './emit-rule';

/** Options of renderPull. */
export interface RenderPullOptions {
  /** One file per table (default) or one `tables.ts` per schema. */
  readonly layout?: PullLayout;
}

/** One declaration to write: where, and how to emit its initializer (recording the imports it needs). */
interface Declaration {
  readonly placement: Placement;
  readonly emit: (imports: Imports) => string;
}

/**
 * The declarations of every object kind the model has, in the order they go into their files (schemas,
 * extensions, enums, tables, each sorted by key). A new object kind adds one block here and one `emitX`.
 */
function declarations(catalog: Catalog, ctx: PullContext): Declaration[] {
  const out: Declaration[] = [];
  for (const s of catalog.schemas) {
    const placement = ctx.names.schemas.get(s.name);
    if (placement) out.push({ placement, emit: (imports) => emitSchema(s, ctx, imports) });
  }
  for (const x of catalog.extensions) out.push({ placement: ctx.names.extensions.get(x.name)!, emit: (imports) => emitExtension(x, ctx, imports) });
  for (const e of catalog.enums) out.push({ placement: ctx.names.enums.get(pullKey(e.schema, e.name))!, emit: (imports) => emitEnum(e, ctx, imports) });
  for (const c of catalog.collations)
    out.push({ placement: ctx.names.collations.get(pullKey(c.schema, c.name))!, emit: (imports) => emitCollation(c, ctx, imports) });
  for (const d of catalog.textSearchDictionaries)
    out.push({ placement: ctx.names.textSearchDictionaries.get(pullKey(d.schema, d.name))!, emit: (imports) => emitTextSearchDictionary(d, ctx, imports) });
  for (const c of catalog.textSearchConfigurations)
    out.push({
      placement: ctx.names.textSearchConfigurations.get(pullKey(c.schema, c.name))!,
      emit: (imports) => emitTextSearchConfiguration(c, ctx, imports),
    });
  for (const r of catalog.rangeTypes)
    out.push({ placement: ctx.names.rangeTypes.get(pullKey(r.schema, r.name))!, emit: (imports) => emitRangeType(r, ctx, imports) });
  for (const d of catalog.domains) out.push({ placement: ctx.names.domains.get(pullKey(d.schema, d.name))!, emit: (imports) => emitDomain(d, ctx, imports) });
  for (const c of catalog.compositeTypes)
    out.push({ placement: ctx.names.compositeTypes.get(pullKey(c.schema, c.name))!, emit: (imports) => emitCompositeType(c, ctx, imports) });
  for (const s of catalog.sequences)
    out.push({ placement: ctx.names.sequences.get(pullKey(s.schema, s.name))!, emit: (imports) => emitSequence(s, ctx, imports) });
  for (const t of catalog.tables) out.push({ placement: ctx.names.tables.get(pullKey(t.schema, t.name))!, emit: (imports) => emitTable(t, ctx, imports) });
  for (const x of catalog.statistics)
    out.push({ placement: ctx.names.statistics.get(pullKey(x.schema, x.name))!, emit: (imports) => emitStatistics(x, ctx, imports) });
  for (const r of routinesInOrder(catalog.routines))
    out.push({ placement: ctx.names.routines.get(routinePullKey(r))!, emit: (imports) => emitRoutine(r, ctx, imports) });
  for (const a of catalog.aggregates) out.push({ placement: ctx.names.aggregates.get(routinePullKey(a))!, emit: (imports) => emitAggregate(a, ctx, imports) });
  for (const v of viewsInOrder(catalog.views))
    out.push({ placement: ctx.names.views.get(pullKey(v.schema, v.name))!, emit: (imports) => emitView(v, ctx, imports) });
  for (const t of catalog.triggers) out.push({ placement: ctx.names.triggers.get(triggerPullKey(t))!, emit: (imports) => emitTrigger(t, ctx, imports) });
  for (const r of catalog.rules) out.push({ placement: ctx.names.rules.get(triggerPullKey(r))!, emit: (imports) => emitRule(r, ctx, imports) });
  for (const e of catalog.eventTriggers) out.push({ placement: ctx.names.eventTriggers.get(e.name)!, emit: (imports) => emitEventTrigger(e, ctx, imports) });
  for (const s of catalog.foreignServers) out.push({ placement: ctx.names.foreignServers.get(s.name)!, emit: (imports) => emitForeignServer(s, ctx, imports) });
  for (const t of catalog.foreignTables)
    out.push({ placement: ctx.names.foreignTables.get(pullKey(t.schema, t.name))!, emit: (imports) => emitForeignTable(t, ctx, imports) });
  for (const p of catalog.publications) out.push({ placement: ctx.names.publications.get(p.name)!, emit: (imports) => emitPublication(p, ctx, imports) });
  const privileges = ctx.names.privileges;
  if (privileges !== null && catalog.grants !== null) out.push({ placement: privileges, emit: (imports) => emitGrants(catalog.grants!, ctx, imports) });
  return out;
}

/**
 * Prints one file with ts-morph: the import declarations from structures, then `export const name = …;` per
 * declaration after a blank line. The declarations are given as text, laid out by the emitters (two spaces
 * per level, one member per line), which the printer writes as is: the structure printer would indent an
 * initializer's continuation lines as a hanging indent, and running the formatter instead took 60% of a pull.
 */
function printFile(file: string, decls: readonly Declaration[]): string {
  // ts-morph (~0.7 s of CPU to require) is loaded only when declarations are printed.
  const { printStructure, StructureKind } = require('ts-morph') as typeof TsMorph;
  const imports = new Imports(file);
  const statements = decls.map((d) => `\nexport const ${d.placement.name} = ${d.emit(imports)};`);
  const importStatements: TsMorph.StatementStructures[] = imports.declarations().map((d) => ({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: d.moduleSpecifier,
    namedImports: d.namedImports.map((n) => (n.startsWith('type ') ? { name: n.slice(5), isTypeOnly: true } : { name: n })),
  }));
  // printStructure prints without parsing: a source file per table (createSourceFile) took 5 s for 1,000 tables.
  return printStructure(
    { kind: StructureKind.SourceFile, statements: [...importStatements, ...statements] },
    { indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' },
  );
}

/**
 * Renders a catalog as declaration files (relative path → TypeScript), the inverse of loading `schema/`:
 * loading the files and normalizing them gives the same catalog back. Files are written the way the example
 * schema is: one per table (or per schema), imports between them for foreign keys and enums, names and
 * options left out wherever the declaration API implies them. Deterministic: same catalog, same bytes.
 */
export function renderPull(catalog: Catalog, options: RenderPullOptions = {}): Map<string, string> {
  assertWritable(catalog);
  const ctx = pullContext(catalog, options.layout ?? 'table');
  const byFile = new Map<string, Declaration[]>();
  for (const d of declarations(catalog, ctx)) {
    let list = byFile.get(d.placement.file);
    if (!list) byFile.set(d.placement.file, (list = []));
    list.push(d);
  }
  const files: [string, string][] = [...byFile.entries()].map(([file, decls]) => [file, printFile(file, decls)]);
  files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(files);
}
