import { ruleParts, type Catalog } from '../../model';

/** A rule on a table or view page: when it fires, its condition and what it does. */
export interface RuleView {
  readonly name: string;
  /** e.g. `ON INSERT DO INSTEAD`. */
  readonly event: string;
  readonly where: string | null;
  readonly action: string;
  readonly comment: string | null;
}

/** The rules section of a table or view page. */
export interface WithRules {
  readonly rules: readonly RuleView[];
}

/** The rules on the relation `schema.table` (a definition that cannot be split is shown whole). */
export function ruleViews(catalog: Catalog, schema: string, table: string): RuleView[] {
  return catalog.rules
    .filter((r) => r.schema === schema && r.table === table)
    .map((r) => {
      const p = ruleParts(r);
      return p
        ? { name: r.name, event: `ON ${p.event.toUpperCase()} DO ${p.instead ? 'INSTEAD' : 'ALSO'}`, where: p.where, action: p.action, comment: r.comment }
        : { name: r.name, event: '', where: null, action: r.definition, comment: r.comment };
    });
}
