import { columnKey, constraintKey, type Catalog, type Column, type Constraint } from '../model';

/**
 * The normalized catalog with the text the declarations wrote kept beside Postgres's form: each column
 * default as `declaredDefault` and each CHECK as `declaredExpression` (`role IN ('admin', 'user')` rather than
 * `(role)::text = ANY (ARRAY[…])`), for documents that should read as the user wrote them. Only for display:
 * plans compare the normalized forms, and a catalog read from a live database has no declared text.
 */
export function withDeclaredText(normalized: Catalog, declared: Catalog): Catalog {
  const defaults = new Map(
    declared.tables.flatMap((t) => t.columns.flatMap((c) => (c.default === null ? [] : [[columnKey(t.schema, t.name, c.name), c.default] as const]))),
  );
  const checks = new Map(declared.constraints.flatMap((k) => (k.kind === 'Check' ? [[constraintKey(k), k.expression] as const] : [])));
  const column = (schema: string, table: string, c: Column): Column => {
    const text = c.default === null ? undefined : defaults.get(columnKey(schema, table, c.name));
    return text === undefined ? c : { ...c, declaredDefault: text };
  };
  const constraint = (k: Constraint): Constraint => {
    const text = k.kind === 'Check' ? checks.get(constraintKey(k)) : undefined;
    return text === undefined || k.kind !== 'Check' ? k : { ...k, declaredExpression: text };
  };
  return {
    ...normalized,
    tables: normalized.tables.map((t) => ({ ...t, columns: t.columns.map((c) => column(t.schema, t.name, c)) })),
    constraints: normalized.constraints.map(constraint),
  };
}
