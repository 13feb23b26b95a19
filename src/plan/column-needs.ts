import type { Column } from '../model';
import { collationNeeds, routineCallNeeds, sequenceNeeds, typeNeeds } from './graph-keys';

/**
 * Graph keys a column definition needs besides its table: its type, collation, and the sequences and routines
 * its default takes values from (`calls` false leaves the routines out: an old default that goes away needs
 * the old routine, not the one a plan creates again).
 */
export function columnDefinitionNeeds(col: Column, calls = true): string[] {
  return [...typeNeeds(col.type), ...collationNeeds(col.collation), ...sequenceNeeds(col.default), ...(calls ? routineCallNeeds(col.default) : [])];
}
