import type { CompositeAttribute, CompositeType } from '../model';
import { ident, qualified } from './quote';

/** `name type [COLLATE c]`. */
function attributeSql(a: CompositeAttribute): string {
  return `${ident(a.name)} ${a.type}${a.collation !== null ? ` COLLATE ${a.collation}` : ''}`;
}

/** `CREATE TYPE s.name AS (a type, …)`. */
export function createCompositeTypeSql(t: CompositeType): string {
  return `CREATE TYPE ${qualified(t.schema, t.name)} AS (${t.attributes.map(attributeSql).join(', ')})`;
}

/** `DROP TYPE s.name`. */
export function dropCompositeTypeSql(t: Pick<CompositeType, 'schema' | 'name'>): string {
  return `DROP TYPE ${qualified(t.schema, t.name)}`;
}

/** One `ALTER TYPE s.name …` action on an attribute. */
export type AttributeAction =
  | { readonly kind: 'Add'; readonly attribute: CompositeAttribute }
  | { readonly kind: 'Drop'; readonly name: string }
  | { readonly kind: 'SetType'; readonly attribute: CompositeAttribute }
  | { readonly kind: 'Rename'; readonly from: string; readonly to: string };

/** `ALTER TYPE s.name ADD|DROP|ALTER|RENAME ATTRIBUTE …`. */
export function alterCompositeTypeSql(schema: string, name: string, a: AttributeAction): string {
  const body = ((): string => {
    switch (a.kind) {
      case 'Add':
        return `ADD ATTRIBUTE ${attributeSql(a.attribute)}`;
      case 'Drop':
        return `DROP ATTRIBUTE ${ident(a.name)}`;
      case 'SetType':
        return `ALTER ATTRIBUTE ${ident(a.attribute.name)} SET DATA TYPE ${a.attribute.type}${a.attribute.collation !== null ? ` COLLATE ${a.attribute.collation}` : ''}`;
      case 'Rename':
        return `RENAME ATTRIBUTE ${ident(a.from)} TO ${ident(a.to)}`;
    }
  })();
  return `ALTER TYPE ${qualified(schema, name)} ${body}`;
}

/** `ALTER TYPE s.from RENAME TO to` (domains: `ALTER DOMAIN`, see domain.ts). */
export function renameTypeSql(schema: string, from: string, to: string): string {
  return `ALTER TYPE ${qualified(schema, from)} RENAME TO ${ident(to)}`;
}
