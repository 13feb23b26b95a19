import { keyPart } from '../util';
import { nameKey } from '../model';
import type { ValidationContext } from './validate-context';

/**
 * Rename intents are unambiguous: not from the object's own name, not from the name of another declared
 * object of the same kind and scope (that object would be both kept and renamed), and no two objects
 * renamed from the same name.
 */
export function validateRenames(ctx: ValidationContext): void {
  const { catalog, renames } = ctx;
  const check = (what: string, scope: string, from: string, to: string, existing: readonly string[], key: string, siblings: readonly { from: string }[]) => {
    const object = `${scope}.${keyPart(to)}`;
    if (from === to) ctx.report('rename-conflict', object, `${what} ${to} is renamed from its own name`, key);
    else if (existing.includes(from))
      ctx.report('rename-conflict', object, `${what} ${to} is renamed from "${from}", but ${scope}.${from} is declared too`, key);
    if (siblings.filter((s) => s.from === from).length > 1)
      ctx.report('rename-conflict', object, `more than one ${what} in ${scope} is renamed from "${from}"`, key);
  };
  for (const r of renames.tables) {
    const same = renames.tables.filter((x) => x.schema === r.schema);
    check(
      'table',
      r.schema,
      r.from,
      r.to,
      catalog.tables.filter((t) => t.schema === r.schema).map((t) => t.name),
      nameKey(r.schema, r.to),
      same,
    );
  }
  for (const r of renames.enums) {
    const same = renames.enums.filter((x) => x.schema === r.schema);
    check(
      'enum',
      r.schema,
      r.from,
      r.to,
      catalog.enums.filter((e) => e.schema === r.schema).map((e) => e.name),
      nameKey(r.schema, r.to),
      same,
    );
  }
  for (const r of renames.indexes) {
    const same = renames.indexes.filter((x) => x.schema === r.schema);
    check(
      'index',
      r.schema,
      r.from,
      r.to,
      catalog.indexes.filter((i) => i.schema === r.schema).map((i) => i.name),
      nameKey(r.schema, r.to),
      same,
    );
  }
  for (const r of renames.columns) {
    const scope = nameKey(r.schema, r.table);
    const cols = catalog.tables.find((t) => t.schema === r.schema && t.name === r.table)?.columns.map((c) => c.name) ?? [];
    const same = renames.columns.filter((x) => x.schema === r.schema && x.table === r.table);
    check('column', scope, r.from, r.to, cols, `${scope}.${keyPart(r.to)}`, same);
  }
  for (const r of renames.constraints) {
    const scope = nameKey(r.schema, r.table);
    const names = catalog.constraints.filter((c) => c.schema === r.schema && c.table === r.table).map((c) => c.name);
    const same = renames.constraints.filter((x) => x.schema === r.schema && x.table === r.table);
    check('constraint', scope, r.from, r.to, names, `${scope}.${keyPart(r.to)}`, same);
  }
  for (const r of renames.enumValues) {
    const scope = nameKey(r.schema, r.enum);
    const values = catalog.enums.find((e) => e.schema === r.schema && e.name === r.enum)?.values ?? [];
    const same = renames.enumValues.filter((x) => x.schema === r.schema && x.enum === r.enum);
    const object = scope;
    if (r.from === r.to) ctx.report('rename-conflict', object, `enum value '${r.to}' is renamed from itself`, scope);
    else if (values.includes(r.from))
      ctx.report('rename-conflict', object, `enum value '${r.to}' is renamed from '${r.from}', but '${r.from}' is declared too`, scope);
    if (same.filter((s) => s.from === r.from).length > 1)
      ctx.report('rename-conflict', object, `more than one value of enum ${scope} is renamed from '${r.from}'`, scope);
  }
  validateObjectRenames(ctx, check);
}

type Check = (what: string, scope: string, from: string, to: string, existing: readonly string[], key: string, siblings: readonly { from: string }[]) => void;

/** The same rules for the intents of servers, publications, text search objects, statistics and foreign columns. */
function validateObjectRenames(ctx: ValidationContext, check: Check): void {
  const { catalog } = ctx;
  const r = ctx.renames.objects ?? {};
  for (const x of r.foreignServers ?? [])
    check(
      'server',
      'database',
      x.from,
      x.to,
      catalog.foreignServers.map((y) => y.name),
      nameKey(x.to),
      r.foreignServers ?? [],
    );
  for (const x of r.publications ?? [])
    check(
      'publication',
      'database',
      x.from,
      x.to,
      catalog.publications.map((y) => y.name),
      nameKey(x.to),
      r.publications ?? [],
    );
  const inSchema = (what: string, list: readonly { schema: string; name: string }[], intents: readonly { schema: string; from: string; to: string }[]) => {
    for (const x of intents) {
      const names = list.filter((y) => y.schema === x.schema).map((y) => y.name);
      check(
        what,
        x.schema,
        x.from,
        x.to,
        names,
        nameKey(x.schema, x.to),
        intents.filter((y) => y.schema === x.schema),
      );
    }
  };
  inSchema('text search dictionary', catalog.textSearchDictionaries, r.textSearchDictionaries ?? []);
  inSchema('text search configuration', catalog.textSearchConfigurations, r.textSearchConfigurations ?? []);
  inSchema('statistics', catalog.statistics, r.statistics ?? []);
  for (const x of r.foreignColumns ?? []) {
    const scope = nameKey(x.schema, x.table);
    const cols = catalog.foreignTables.find((t) => t.schema === x.schema && t.name === x.table)?.columns.map((c) => c.name) ?? [];
    const same = (r.foreignColumns ?? []).filter((y) => y.schema === x.schema && y.table === x.table);
    check('column', scope, x.from, x.to, cols, `${scope}.${keyPart(x.to)}`, same);
  }
}
