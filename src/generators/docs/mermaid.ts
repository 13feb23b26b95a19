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

/** Mermaid ids for tables: sanitized `schema__table`, made unique deterministically when sanitizing collides (keys sorted). */
function entityIds(sortedKeys: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of sortedKeys) {
    const base = mermaidWord(key.replace('.', '__'));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

const key = (schema: string, name: string): string => `${schema}.${name}`;

/** The attribute lines of an entity, per entity object (the same table is drawn in several diagrams). */
const attributeLines = new WeakMap<MermaidEntity, string[]>();
function attributesOf(e: MermaidEntity): string[] {
  let lines = attributeLines.get(e);
  if (!lines) {
    lines = e.columns.map(({ column, keys }) => `    ${mermaidWord(column.type)} ${mermaidWord(column.name)}${keys.length ? ` ${keys.join(', ')}` : ''}`);
    attributeLines.set(e, lines);
  }
  return lines;
}

const byFirst = <T>(a: readonly [string, T], b: readonly [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Renders a Mermaid `erDiagram`. Entities are labelled `name` when in `homeSchema`, else `schema.name`
 * (alias syntax `id["label"]`, Mermaid ≥ 10.5); relationships whose ends are not both entities are skipped.
 */
export function renderErDiagram(entities: readonly MermaidEntity[], relations: readonly MermaidRelation[], homeSchema: string | null): string {
  const sorted = entities.map((e) => [key(e.schema, e.name), e] as const).sort(byFirst);
  const ids = entityIds(sorted.map(([k]) => k));
  const lines = ['erDiagram'];
  for (const [k, e] of sorted) {
    const label = e.schema === homeSchema ? e.name : k;
    const head = `  ${ids.get(k)}[${mermaidString(label)}]`;
    if (e.columns.length === 0) {
      lines.push(head);
      continue;
    }
    lines.push(`${head} {`, ...attributesOf(e), '  }');
  }
  const rels = relations.map((r) => [relSortKey(r), r] as const).sort(byFirst);
  for (const [, r] of rels) {
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
