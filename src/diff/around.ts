import type { Constraint, Dependency, Index } from '../model';

/**
 * Set on a drop or create the diff adds to rebuild an object around a change of something its expressions
 * read (a type or routine recreated under it): `before` orders the step before the changes of `dependsOn`
 * (the drop), otherwise after them (the create).
 */
export interface Around {
  readonly around?: { readonly dependsOn: readonly Dependency[]; readonly before: boolean };
}

/**
 * A part of a partitioned table's new index or key, built online: `index` on its partition (ON ONLY it when
 * `partitioned`, else CONCURRENTLY; `adopted`: the plan makes it, only attached), made the partition's `key`
 * for a key, then attached to `parent`.
 */
export interface OnlinePart {
  readonly parent: { readonly schema: string; readonly name: string };
  readonly index: Index;
  readonly partitioned: boolean;
  readonly adopted: boolean;
  readonly key?: Constraint;
}

/** A new index or key of a partitioned table the plan keeps: the parts an online plan builds and attaches (recordOnlineParts). */
export interface OnlineParts {
  readonly onlineParts?: readonly OnlinePart[];
}

/** A dropped index on a partitioned table: Postgres refuses DROP INDEX CONCURRENTLY, online plans drop it in a transaction. */
export interface OnPartitioned {
  readonly partitioned?: boolean;
}
