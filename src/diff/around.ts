import type { Dependency } from '../model';

/**
 * Set on a drop or create the diff adds to rebuild an object around a change of something its expressions
 * read (a type or routine recreated under it): `before` orders the step before the changes of `dependsOn`
 * (the drop), otherwise after them (the create).
 */
export interface Around {
  readonly around?: { readonly dependsOn: readonly Dependency[]; readonly before: boolean };
}
