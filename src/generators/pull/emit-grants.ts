import type { Grant } from '../../model';
import { SchemakitError } from '../../util';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey, type Placement } from './pull-names';
import { tsAccess, tsList, tsString } from './ts-text';

/**
 * The `on` argument of a grant: a declaration's variable, a column of a table (or `{ view, column }`), or the
 * object by name (`{ schema, function }`, `{ schema, sequence }` for one behind a serial column, `{ schema, type }`).
 */
function grantTarget(g: Grant, ctx: PullContext, imports: Imports): string | null {
  const ref = (p: Placement | null | undefined) => (p ? imports.ref(p) : null);
  const key = pullKey(g.schema ?? '', g.name);
  const byName = (what: string) => `{ schema: ${schemaArgument(g.schema ?? '', ctx, imports)}, ${what}: ${tsString(g.name)} }`;
  switch (g.object) {
    case 'table':
      return ref(ctx.names.tables.get(key) ?? ctx.names.views.get(key) ?? ctx.names.foreignTables.get(key));
    case 'column': {
      if (g.column === null) return null;
      const table = ref(ctx.names.tables.get(key));
      if (table !== null) return tsAccess(`${table}.columns`, g.column);
      const view = ref(ctx.names.views.get(key));
      return view === null ? null : `{ view: ${view}, column: ${tsString(g.column)} }`;
    }
    case 'sequence':
      return ref(ctx.names.sequences.get(key)) ?? byName('sequence');
    case 'schema':
      return ref(ctx.names.schemas.get(g.name));
    case 'type':
      return ref(ctx.names.enums.get(key) ?? ctx.names.domains.get(key) ?? ctx.names.compositeTypes.get(key)) ?? byName('type');
    case 'function':
      return ref(ctx.names.routines.get(key)) ?? byName('function');
    case 'server':
      return ref(ctx.names.foreignServers.get(g.name));
    default:
      return null;
  }
}

/**
 * `[grant('SELECT', users, 'reader'), revokeDefault('EXECUTE', { schema: app, function: 'f()' }), …]`: the
 * privileges of the database, one call per privilege and role; those on an undeclared schema (`public`) are
 * left out, as the schema is not managed. Throws naming a grant on an object pull does
 * not write as a declaration.
 */
export function emitGrants(grants: readonly Grant[], ctx: PullContext, imports: Imports): string {
  const declared = grants.filter((g) => g.object !== 'schema' || ctx.names.schemas.get(g.name));
  const calls = declared.map((g) => {
    const on = grantTarget(g, ctx, imports);
    if (on === null) {
      const object = `${g.object} ${g.schema === null ? '' : `${g.schema}.`}${g.name}${g.column === null ? '' : `.${g.column}`}`;
      throw new SchemakitError(
        'introspect',
        'pull-unsupported',
        `pull cannot write the grant of ${g.privilege} on ${object} to ${g.grantee}: the object is not written as a declaration`,
      );
    }
    if (g.revoked) return `${imports.lib('revokeDefault')}(${tsString(g.privilege)}, ${on}, ${tsString(g.grantee)})`;
    return `${imports.lib('grant')}(${tsString(g.privilege)}, ${on}, ${tsString(g.grantee)}${g.grantable ? ', { grantable: true }' : ''})`;
  });
  return tsList(calls, '');
}
