import type { Catalog, Sequence, SequenceType, Table } from '../model';
import { isSerial, nextvalDefault, serialSequenceName, storageType } from '../sql';

/** The largest value of each sequence type: serial's MAXVALUE. */
const typeMax: Readonly<Record<SequenceType, string>> = { smallint: '32767', integer: '2147483647', bigint: '9223372036854775807' };

/**
 * A serial column is an integer column, a `nextval` default and a sequence OWNED BY it, named
 * `<table>_<column>_seq`. When one side has the serial and the other a standalone sequence of that name
 * (issue 9: dropping one and creating the other failed with `relation "x_id_seq" already exists`), both sides
 * are compared in the expanded form: the sequence is then one object on both sides and the plan only moves
 * its ownership (`OWNED BY`) and options, keeping its current value.
 */
export function expandSerialClashes(a: Catalog, b: Catalog): [Catalog, Catalog] {
  return [expandClashing(a, b), expandClashing(b, a)];
}

/** Expands the serial columns of `c` whose sequence name is a standalone sequence in `other`, not in `c`. */
function expandClashing(c: Catalog, other: Catalog): Catalog {
  const has = (cat: Catalog, schema: string, name: string) => cat.sequences.some((s) => s.schema === schema && s.name === name);
  const added: Sequence[] = [];
  const expand = (t: Table): Table => {
    let changed = false;
    const columns = t.columns.map((col) => {
      const seq = serialSequenceName(t.name, col.name);
      if (!isSerial(col.type) || !has(other, t.schema, seq) || has(c, t.schema, seq)) return col;
      changed = true;
      const type = storageType(col.type) as SequenceType;
      added.push({
        kind: 'Sequence',
        schema: t.schema,
        name: seq,
        type,
        start: '1',
        increment: '1',
        min: '1',
        max: typeMax[type],
        cache: '1',
        cycle: false,
        ownedBy: { table: t.name, column: col.name },
        comment: null,
      });
      return { ...col, type, default: nextvalDefault(t.schema, seq) };
    });
    return changed ? { ...t, columns } : t;
  };
  const tables = c.tables.map(expand);
  return added.length === 0 ? c : { ...c, tables, sequences: [...c.sequences, ...added] };
}
