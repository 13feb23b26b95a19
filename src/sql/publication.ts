import type { Publication, PublicationTable } from '../model';
import { ident, literal, qualified } from './quote';

/** `schema.table [(columns)] [WHERE (filter)]`: one table of a publication. */
export function publicationTableSql(t: PublicationTable): string {
  const columns = t.columns === null ? '' : ` (${t.columns.map(ident).join(', ')})`;
  return `${qualified(t.schema, t.name)}${columns}${t.where === null ? '' : ` WHERE (${t.where})`}`;
}

/** `TABLE a, b (x) WHERE (…), TABLES IN SCHEMA s, t`: what a publication holds, empty when nothing. */
function objectsSql(p: Pick<Publication, 'tables' | 'schemas'>): string {
  const parts: string[] = [];
  if (p.tables.length > 0) parts.push(`TABLE ${p.tables.map(publicationTableSql).join(', ')}`);
  if (p.schemas.length > 0) parts.push(`TABLES IN SCHEMA ${p.schemas.map(ident).join(', ')}`);
  return parts.join(', ');
}

/** `publish = '…', publish_via_partition_root = …`. */
export function publicationOptionsSql(p: Pick<Publication, 'publish' | 'viaRoot'>): string {
  return `publish = ${literal(p.publish.join(', '))}, publish_via_partition_root = ${p.viaRoot}`;
}

/** `CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE … | FOR TABLES IN SCHEMA …] WITH (…)`. */
export function createPublicationSql(p: Publication): string {
  const objects = objectsSql(p);
  const scope = p.allTables ? ' FOR ALL TABLES' : objects === '' ? '' : ` FOR ${objects}`;
  return `CREATE PUBLICATION ${ident(p.name)}${scope} WITH (${publicationOptionsSql(p)})`;
}

export const dropPublicationSql = (name: string): string => `DROP PUBLICATION ${ident(name)}`;

/** `ALTER PUBLICATION name SET (publish = …, publish_via_partition_root = …)`. */
export const alterPublicationOptionsSql = (p: Publication): string => `ALTER PUBLICATION ${ident(p.name)} SET (${publicationOptionsSql(p)})`;

/** `ALTER PUBLICATION name ADD|DROP TABLE t | TABLES IN SCHEMA s` (a dropped table takes no column list or filter). */
export function alterPublicationMemberSql(name: string, op: 'ADD' | 'DROP', member: PublicationTable | { readonly schema: string }): string {
  if (!('name' in member)) return `ALTER PUBLICATION ${ident(name)} ${op} TABLES IN SCHEMA ${ident(member.schema)}`;
  const t = op === 'ADD' ? publicationTableSql(member) : qualified(member.schema, member.name);
  return `ALTER PUBLICATION ${ident(name)} ${op} TABLE ${t}`;
}
