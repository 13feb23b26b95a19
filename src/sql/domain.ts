import type { Domain, DomainCheck } from '../model';
import { defaultExpr, parens } from './expr';
import { ident, qualified } from './quote';

/** `CONSTRAINT name CHECK (expression)`. */
export function domainCheckSql(k: DomainCheck): string {
  return `CONSTRAINT ${ident(k.name)} CHECK ${parens(k.expression)}`;
}

/** `CREATE DOMAIN s.name AS type [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT n CHECK (…)]…`. */
export function createDomainSql(d: Domain): string {
  const parts = [`CREATE DOMAIN ${qualified(d.schema, d.name)} AS ${d.type}`];
  if (d.collation !== null) parts.push(`COLLATE ${d.collation}`);
  if (d.default !== null) parts.push(`DEFAULT ${defaultExpr(d.default)}`);
  if (d.notNull) parts.push('NOT NULL');
  for (const k of d.checks) parts.push(domainCheckSql(k));
  return parts.join(' ');
}

/** `DROP DOMAIN s.name`. */
export function dropDomainSql(d: Pick<Domain, 'schema' | 'name'>): string {
  return `DROP DOMAIN ${qualified(d.schema, d.name)}`;
}

/** One `ALTER DOMAIN s.name …` action. */
export type DomainAction =
  | { readonly kind: 'SetDefault'; readonly expression: string }
  | { readonly kind: 'DropDefault' }
  | { readonly kind: 'SetNotNull' }
  | { readonly kind: 'DropNotNull' }
  | { readonly kind: 'AddCheck'; readonly check: DomainCheck }
  | { readonly kind: 'DropCheck'; readonly name: string }
  | { readonly kind: 'RenameCheck'; readonly from: string; readonly to: string }
  | { readonly kind: 'Rename'; readonly to: string };

/** `ALTER DOMAIN s.name <action>`. */
export function alterDomainSql(schema: string, name: string, a: DomainAction): string {
  const body = ((): string => {
    switch (a.kind) {
      case 'SetDefault':
        return `SET DEFAULT ${defaultExpr(a.expression)}`;
      case 'DropDefault':
        return 'DROP DEFAULT';
      case 'SetNotNull':
        return 'SET NOT NULL';
      case 'DropNotNull':
        return 'DROP NOT NULL';
      case 'AddCheck':
        return `ADD ${domainCheckSql(a.check)}`;
      case 'DropCheck':
        return `DROP CONSTRAINT ${ident(a.name)}`;
      case 'RenameCheck':
        return `RENAME CONSTRAINT ${ident(a.from)} TO ${ident(a.to)}`;
      case 'Rename':
        return `RENAME TO ${ident(a.to)}`;
    }
  })();
  return `ALTER DOMAIN ${qualified(schema, name)} ${body}`;
}
