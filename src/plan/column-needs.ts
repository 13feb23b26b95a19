import type { Column } from '../model';
import { collationNeeds, sequenceNeeds, typeNeeds } from './graph-keys';

/** Graph keys a column definition needs besides its table: its type, collation and the sequences of its default. */
export function columnDefinitionNeeds(col: Column): string[] {
  return [...typeNeeds(col.type), ...collationNeeds(col.collation), ...sequenceNeeds(col.default)];
}
