import { diffCatalogs } from '../diff';
import { scopeCatalog, type Scope } from '../introspect';
import type { Catalog } from '../model';
import { planChanges, type Plan, type PlanOptions } from '../plan';
import type { Side } from './resolve';
import type { Source } from './source';

/** One side of a diff: where it came from and its catalog (with the rename intents of declarations). */
export interface SourcedSide extends Side {
  readonly source: Source;
}

/**
 * Whether a diff compares privileges (GRANT/REVOKE): when asked, or when a side is a declarations directory
 * that declares grants. Roles live outside one database, so two databases are otherwise compared without them.
 */
export function comparesPrivileges(from: SourcedSide, to: SourcedSide, asked = false): boolean {
  const declares = (s: SourcedSide) => s.source.kind === 'dir' && s.catalog.grants !== null;
  return asked || declares(from) || declares(to);
}

/** Options of planDiff: the plan's, whether privileges are compared when no side declares them, and a scope. */
export interface PlanDiffOptions extends PlanOptions {
  readonly privileges?: boolean;
  readonly scope?: Scope;
}

/** The plan from one side to the other (`schemakit diff`): both scoped, privileges compared as comparesPrivileges says. */
export function planDiff(from: SourcedSide, to: SourcedSide, options: PlanDiffOptions = {}): Plan {
  const { privileges, scope, ...planOptions } = options;
  const managed = comparesPrivileges(from, to, privileges);
  const seen = (c: Catalog): Catalog => scopeCatalog(managed ? c : { ...c, grants: null }, scope);
  return planChanges(diffCatalogs(seen(from.catalog), seen(to.catalog), to.renames), planOptions);
}
