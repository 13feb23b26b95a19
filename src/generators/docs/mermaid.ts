import type { Column, ForeignKey, Table } from '../../model';

/** A table as a Mermaid entity: which columns to show and with which key markers. */
export interface MermaidEntity {
  readonly schema: string;
  readonly name: string;
  /** Columns to list; empty draws a box with the name only. */
  readonly columns: readonly { readonly column: Column; readonly keys: readonly ('PK' | 'FK' | 'UK')[] }[];
}

/** One foreign key drawn as a relationship. */
export interface MermaidRelation {
  readonly fk: ForeignKey;
  /** True when every FK column is NOT NULL (the parent side is "exactly one"). */
  readonly required: boolean;
  /** True when the FK columns are themselves unique in the child (one-to-one). */
  readonly oneToOne: boolean;
  /** True when the FK columns are part of the child's primary key (identifying, solid line). */
  readonly identifying: boolean;
}

/**
 * Mermaid's erDiagram grammar takes entity names and attribute words matching roughly
 * `[A-Za-z_][A-Za-z0-9_-]*`: anything else (dots, spaces, quotes, commas in `numeric(10,2)`) is replaced.
 */
export function mermaidWord(text: string): string {
  const w = text.replace(/[^A-Za-z0-9_\-[\]()]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_*]/.test(w) ? w : `_${w}`;
}

/** A double-quoted Mermaid string: `"` cannot be escaped with a backslash, so it becomes the entity code `#quot;`. */
export function mermaidString(text: string): string {
  return `"${text.replace(/"/g, '#quot;').replace(/\r?\n/g, ' ')}"`;
}

/** Mermaid ids for tables: sanitized `schema__table`, made unique deterministically when sanitizing collides. */
function entityIds(keys: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of [...keys].sort()) {
    const base = mermaidWord(key.replace('.', '__'));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

const key = (schema: string, name: string): string => `${schema}.${name}`;

/**
 * Renders a Mermaid `erDiagram`. Entities are labelled `name` when in `homeSchema`, else `schema.name`
 * (alias syntax `id["label"]`, Mermaid ≥ 10.5); relationships whose ends are not both entities are skipped.
 */
export function renderErDiagram(entities: readonly MermaidEntity[], relations: readonly MermaidRelation[], homeSchema: string | null): string {
  const sorted = [...entities].sort((a, b) => (key(a.schema, a.name) < key(b.schema, b.name) ? -1 : 1));
  const ids = entityIds(sorted.map((e) => key(e.schema, e.name)));
  const lines = ['erDiagram'];
  for (const e of sorted) {
    const label = e.schema === homeSchema ? e.name : key(e.schema, e.name);
    const head = `  ${ids.get(key(e.schema, e.name))}[${mermaidString(label)}]`;
    if (e.columns.length === 0) {
      lines.push(head);
      continue;
    }
    lines.push(`${head} {`);
    for (const { column, keys } of e.columns) {
      const marks = keys.length ? ` ${keys.join(', ')}` : '';
      lines.push(`    ${mermaidWord(column.type)} ${mermaidWord(column.name)}${marks}`);
    }
    lines.push('  }');
  }
  const rels = [...relations].sort((a, b) => (relSortKey(a) < relSortKey(b) ? -1 : 1));
  for (const r of rels) {
    const parent = ids.get(key(r.fk.refSchema, r.fk.refTable));
    const child = ids.get(key(r.fk.schema, r.fk.table));
    if (!parent || !child) continue;
    const left = r.required ? '||' : '|o';
    const right = r.oneToOne ? 'o|' : 'o{';
    lines.push(`  ${parent} ${left}${r.identifying ? '--' : '..'}${right} ${child} : ${mermaidString(r.fk.columns.join(', '))}`);
  }
  return lines.join('\n');
}

const relSortKey = (r: MermaidRelation): string => `${r.fk.refSchema}.${r.fk.refTable}\u0000${r.fk.schema}.${r.fk.table}\u0000${r.fk.name}`;

/** Entity of a table with no attribute block (a neighbour in a diagram). */
export const stubEntity = (t: Pick<Table, 'schema' | 'name'>): MermaidEntity => ({ schema: t.schema, name: t.name, columns: [] });
