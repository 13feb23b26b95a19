import { enumKey, type Catalog } from '../model';
import type { Change } from './changes';
import { diffProgrammable } from './programmable';
import { columnsOfType } from './type-usage';

/**
 * Each added enum value with the changes rebuilding the enum's readers in `from` around its recreation (what
 * planning the value's removal would rebuild): the reverse of `ADD VALUE` recreates the type aside, which
 * Postgres refuses while a view, routine or table expression still reads it.
 */
export function withEnumReaders(changes: readonly Change[], from: Catalog): Change[] {
  const found = new Map<string, readonly Change[]>();
  const readersOf = (key: string): readonly Change[] => {
    const known = found.get(key);
    if (known) return known;
    const a = from.enums.find((e) => enumKey(e) === key);
    const readers = a
      ? diffProgrammable(from, from, [{ kind: 'RecreateEnum', from: a, to: a, remap: {}, columns: columnsOfType(from, a.schema, a.name) }])
      : [];
    found.set(key, readers);
    return readers;
  };
  return changes.map((c) => {
    if (c.kind !== 'AddEnumValue') return c;
    const readers = readersOf(enumKey(c.enum));
    return readers.length === 0 ? c : { ...c, readers };
  });
}
