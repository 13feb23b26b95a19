import { nameOf, sqlTokens } from '../util';
import type { Rule } from './programmable';

/** The event a rule fires on. */
export type RuleEvent = 'select' | 'insert' | 'update' | 'delete';

/** A rule's definition taken apart: `ON event TO table [WHERE condition] DO [INSTEAD] action`. */
export interface RuleParts {
  readonly event: RuleEvent;
  /** The condition as Postgres prints it, or null. */
  readonly where: string | null;
  readonly instead: boolean;
  /** One command, `NOTHING`, or `(command; command; …)`, as Postgres prints them. */
  readonly action: string;
}

const EVENTS: readonly string[] = ['select', 'insert', 'update', 'delete'];

/**
 * Splits a `CREATE RULE` statement (pg_get_ruledef's form) at its keywords outside parentheses and
 * literals: the first `ON`, the `WHERE` and `DO` after it, and an `INSTEAD` (or `ALSO`) right after `DO`.
 * Null when the text is not of that shape.
 */
export function ruleParts(r: Pick<Rule, 'definition'>): RuleParts | null {
  const tokens = sqlTokens(r.definition);
  const word = (i: number) => (tokens[i]?.depth === 0 ? nameOf(tokens[i]!, true) : null);
  const on = tokens.findIndex((_, i) => word(i) === 'on');
  const event = on < 0 ? null : word(on + 1);
  if (event === null || !EVENTS.includes(event)) return null;
  const at = (w: string) => tokens.findIndex((_, i) => i > on && word(i) === w);
  const doAt = at('do');
  if (doAt < 0) return null;
  const whereAt = at('where');
  const mode = word(doAt + 1);
  const actionAt = mode === 'instead' || mode === 'also' ? doAt + 2 : doAt + 1;
  const from = (i: number) => tokens[i]?.start ?? r.definition.length;
  return {
    event: event as RuleEvent,
    where: whereAt >= 0 && whereAt < doAt ? r.definition.slice(from(whereAt + 1), from(doAt)).trim() : null,
    instead: mode === 'instead',
    action: r.definition.slice(from(actionAt)).trim().replace(/;$/, ''),
  };
}
