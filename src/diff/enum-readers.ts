import { enumKey, type Catalog } from '../model';
import type { Change } from './changes';
import { diffProgrammable } from './programmable';
import { regrantRecreated } from './regrant';
import { cascadeTypeRecreations } from './type-cascade';
import { columnsOfType } from './type-usage';

/**
 * Each added enum value with the changes recreating the enum of `from` aside (a RecreateEnum of it to itself,
 * with its columns), the domains and composite types over it, and rebuilding its readers around: what
 * planning the value's removal would do. The reverse of `ADD VALUE` recreates the type, which Postgres
 * refuses while a view, routine, table expression or type still reads it.
 */
export function withEnumReaders(changes: readonly Change[], from: Catalog): Change[] {
  const found = new Map<string, readonly Change[]>();
  const readersOf = (key: string): readonly Change[] => {
    const known = found.get(key);
    if (known) return known;
    const a = from.enums.find((e) => enumKey(e) === key);
    const types = a
      ? cascadeTypeRecreations(from, from, [{ kind: 'RecreateEnum', from: a, to: a, remap: {}, columns: columnsOfType(from, a.schema, a.name) }])
      : [];
    const rebuilt = types.length === 0 ? [] : [...types, ...diffProgrammable(from, from, types)];
    // What is recreated loses its privileges: granted again after, as when the plan removes the value.
    const all = [...rebuilt, ...regrantRecreated(rebuilt, from, from)];
    // The enum's recreation alone is left to the reverse's DO block, which converts its columns.
    const readers = all.length <= 1 ? [] : all;
    found.set(key, readers);
    return readers;
  };
  return changes.map((c) => {
    if (c.kind !== 'AddEnumValue') return c;
    const readers = readersOf(enumKey(c.enum));
    return readers.length === 0 ? c : { ...c, readers };
  });
}
