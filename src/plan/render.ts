import type { Change } from '../diff';
import { describeLock } from './locks';
import { timeoutsSql } from './timeouts';
import { planPreamble } from './preamble';
import type { Hazard, HazardKind, Plan, Step } from './types';

/** A comment block: each line of `text` prefixed with `-- `. */
const comment = (text: string) =>
  text
    .split('\n')
    .map((l) => `-- ${l}`.trimEnd())
    .join('\n');

/** Hazard kinds present in a plan, in first-seen order. */
export function planHazardKinds(plan: Plan): HazardKind[] {
  return [...new Set(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind)))];
}

/**
 * The plan as a SQL script: a header, then each statement terminated by `;` and a blank line, so
 * `psql -v ON_ERROR_STOP=1 -f up.sql` runs it as is. Hazards and non-transactional statements are
 * marked with comments above the statement.
 */
export function renderUp(plan: Plan): string {
  const kinds = planHazardKinds(plan);
  const header = [
    `schemakit migration: ${plan.steps.length} statement${plan.steps.length === 1 ? '' : 's'}`,
    kinds.length > 0 ? `hazards: ${kinds.join(', ')}` : 'hazards: none',
  ];
  const online = plan.steps.some((s) => s.timeouts !== null);
  if (online && plan.steps.some((s) => !s.transactional)) {
    header.push('online plan: statements marked "outside transaction" run on their own, in order; a transaction ends before each');
  } else if (plan.steps.some((s) => !s.transactional)) {
    header.push('statements marked "outside transaction" cannot run in the migration transaction; schemakit apply runs them first');
  }
  let timeouts = '';
  const body = plan.steps.map((s) => {
    const notes = [
      ...(s.transactional ? [] : ['outside transaction']),
      ...s.hazards.map((h: Hazard) => `hazard ${h.kind}: ${h.message}`),
      ...(s.timeouts !== null ? s.locks.map((l) => `lock ${describeLock(l)}`) : []),
    ];
    const set =
      s.timeouts !== null
        ? timeoutsSql(s.timeouts)
            .map((x) => `${x};\n`)
            .join('')
        : '';
    const setLines = set !== timeouts ? set : '';
    timeouts = set;
    return `${notes.length > 0 ? comment(notes.join('\n')) + '\n' : ''}${setLines}${s.sql};\n`;
  });
  return [comment(header.join('\n')), '', ...preamble(plan), ...body].join('\n');
}

/** The plan's session settings as statements, each followed by a blank line. */
const preamble = (plan: Plan) => planPreamble(plan).map((s) => `${s};\n`);

/**
 * The reverse script: each step's reverse in reverse order. An irreversible step renders as a comment
 * saying why, and the header says the script is incomplete.
 */
export function renderDown(plan: Plan): string {
  const steps = [...plan.steps].reverse();
  const missing = steps.filter((s) => s.reverse === null);
  const header = [`schemakit migration (down): reverses ${plan.steps.length} statement${plan.steps.length === 1 ? '' : 's'}`];
  if (missing.length > 0) header.push(`INCOMPLETE: ${missing.length} step${missing.length === 1 ? ' is' : 's are'} irreversible (see below)`);
  const body = steps
    .filter((s) => s.reverse !== '')
    .map((s) => (s.reverse === null ? `${comment(`irreversible: ${s.sql.split('\n')[0]}\n${s.irreversible ?? ''}`)}\n` : `${s.reverse};\n`));
  return [comment(header.join('\n')), '', ...preamble(plan), ...body].join('\n');
}

/** A step as JSON for `--json` output: the step with its change named by kind (keys are one word each). */
export type StepJson = Omit<Step, 'change'> & { readonly change: Change['kind'] };

/** The plan as plain JSON data: its steps with sql, reverse, hazards, transactional, object, op. */
export function planToJson(plan: Plan): { readonly steps: readonly StepJson[]; readonly hazards: readonly HazardKind[] } {
  return {
    hazards: planHazardKinds(plan),
    steps: plan.steps.map((s) => ({ ...s, change: s.change.kind })),
  };
}
