import { columnKey, generationOf, grantKey, type Catalog, type Grant } from '../model';
import type { Change } from './changes';
import { managesGrant } from './grants';

/** The object a grant is on, as one key: relations (tables, views, sequences and their columns), routines, types. */
const grantObjectKey = (g: Grant): string | null => {
  switch (g.object) {
    case 'table':
    case 'column':
    case 'sequence':
      return JSON.stringify(['rel', g.schema, g.name]);
    case 'function':
      return JSON.stringify(['function', g.schema, g.name]);
    case 'type':
      return JSON.stringify(['type', g.schema, g.name]);
    case 'server':
      return JSON.stringify(['server', null, g.name]);
    case 'schema':
      return null;
  }
};
const rel = (x: { schema: string; name: string }) => JSON.stringify(['rel', x.schema, x.name]);
const type = (x: { schema: string; name: string }) => JSON.stringify(['type', x.schema, x.name]);

/** The object a change drops (`-`), creates (`+`) or recreates aside (`~`: the new one has no grants). */
function touched(c: Change): [string, '-' | '+' | '~'] | null {
  switch (c.kind) {
    case 'DropView':
      return [rel(c.view), '-'];
    case 'CreateView':
      return [rel(c.view), '+'];
    case 'DropTable':
      return [rel(c.table), '-'];
    case 'CreateTable':
      return [rel(c.table), '+'];
    case 'DropForeignTable':
      return [rel(c.table), '-'];
    case 'CreateForeignTable':
      return [rel(c.table), '+'];
    case 'DropForeignServer':
    case 'CreateForeignServer':
      return [JSON.stringify(['server', null, c.server.name]), c.kind === 'DropForeignServer' ? '-' : '+'];
    case 'DropSequence':
      return [rel(c.sequence), '-'];
    case 'CreateSequence':
      return [rel(c.sequence), '+'];
    case 'DropRoutine':
    case 'CreateRoutine':
      return [JSON.stringify(['function', c.routine.schema, `${c.routine.name}(${c.routine.identityArgs})`]), c.kind === 'DropRoutine' ? '-' : '+'];
    case 'DropEnum':
      return [type(c.enum), '-'];
    case 'CreateEnum':
      return [type(c.enum), '+'];
    case 'DropDomain':
      return [type(c.domain), '-'];
    case 'CreateDomain':
      return [type(c.domain), '+'];
    case 'DropCompositeType':
      return [type(c.type), '-'];
    case 'CreateCompositeType':
      return [type(c.type), '+'];
    case 'RecreateEnum':
    case 'RecreateDomain':
    case 'RecreateCompositeType':
    case 'RecreateRangeType':
      return [type(c.to), '~'];
    default:
      return null;
  }
}

/**
 * The column an AlterColumn drops and adds again (its columnKey), or null: a column becoming
 * generated or changing its generation, or a virtual one turned plain (planRegenerate); a stored one turned
 * plain keeps its values (DROP EXPRESSION).
 */
function recreatedColumn(c: Change): string | null {
  if (c.kind !== 'AlterColumn' || c.around || generationOf(c.from) === generationOf(c.to)) return null;
  if (c.to.generated === null && c.from.virtual !== true) return null;
  return columnKey(c.schema, c.table, c.to.name);
}

/**
 * Grants kept on an object the plan drops and creates again (a view rebuilt around a column's new type, a
 * routine whose result changes, a recreated table or type, a column dropped and added again): DROP takes its
 * privileges with it, so they are revoked before (whose reverse gives them back to the restored object in `down`) and granted again after.
 * A type recreated aside (RecreateEnum…) only gets them granted again. Only when privileges are managed.
 */
export function regrantRecreated(changes: readonly Change[], from: Catalog, to: Catalog): Change[] {
  if (from.grants === null || to.grants === null) return [];
  const dropped = new Set<string>();
  const created = new Set<string>();
  const aside = new Set<string>();
  for (const c of changes) {
    const t = touched(c);
    if (t !== null) (t[1] === '-' ? dropped : t[1] === '+' ? created : aside).add(t[0]);
  }
  const columns = new Set(changes.map(recreatedColumn).filter((x) => x !== null));
  const already = new Set(changes.flatMap((c) => (c.kind === 'GrantPrivilege' || c.kind === 'RevokePrivilege' ? [`${c.kind} ${grantKey(c.grant)}`] : [])));
  const kept = new Set(from.grants.map(grantKey));
  const out: Change[] = [];
  for (const g of to.grants.filter((x) => managesGrant(to, x) && kept.has(grantKey(x)))) {
    const k = grantObjectKey(g);
    if (k === null) continue;
    const recreated =
      (dropped.has(k) && created.has(k)) || (g.object === 'column' && g.column !== null && columns.has(columnKey(g.schema ?? '', g.name, g.column)));
    if (!recreated && !aside.has(k)) continue;
    const old = from.grants.find((x) => grantKey(x) === grantKey(g))!;
    if (recreated && !already.has(`RevokePrivilege ${grantKey(old)}`)) out.push({ kind: 'RevokePrivilege', grant: old });
    if (!already.has(`GrantPrivilege ${grantKey(g)}`)) out.push({ kind: 'GrantPrivilege', grant: g });
  }
  return out;
}
