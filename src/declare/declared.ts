import type { Catalog, Integrity, Renames } from '../model';
import type { ReferenceDataSpec } from './reference-data';

/**
 * The result of evaluating declarations: the catalog as the user wrote it (not yet normalized: types
 * and expressions are in the user's spelling), the rename intents, and where each object was declared.
 */
export interface Declared {
  readonly catalog: Catalog;
  readonly renames: Renames;
  /** Object key (see model/keys.ts; columns as `schema.table.column`) → `file:line`. */
  readonly locations: ReadonlyMap<string, string>;
  /** Natural keys, logical foreign keys and expectations (`schemakit check`); absent: none. */
  readonly integrity?: Integrity;
  /** The schema declared with `schema(tenant('…'))`: bound to each tenant schema of a fleet (absent when none). */
  readonly tenantSchema?: string;
  /** Tables declared with referenceData() (absent when none). */
  readonly referenceData?: readonly ReferenceDataSpec[];
  /** Tables declared with an `area` for the docs (absent when none). */
  readonly docsAreas?: readonly { readonly schema: string; readonly table: string; readonly area: string }[];
}
