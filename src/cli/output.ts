import { describeLock, type Plan, type Step } from '../plan';

import { bold, dim, green, red, yellow } from './colors';

// The colours live in colors.ts (start-up loads them without this file's plan imports).
export { useColor, red, green, yellow, bold, dim, cyan } from './colors';

const opColor = (op: Step['op']) => (op === '+' ? green : op === '-' ? red : yellow);

/** A readable summary: one line per object and operation, hazards highlighted under it. */
export function renderSummary(plan: Plan): string {
  if (plan.steps.length === 0) return 'No changes: the database matches the schema.';
  const lines: string[] = [];
  const seen = new Set<string>();
  // A comment on an object the plan creates is part of creating it, not a change of its own.
  const created = new Set(plan.steps.filter((s) => s.op === '+').map((s) => s.object));
  for (const s of plan.steps) {
    const what = `${s.op} ${describeChange(s)}`;
    if (s.change.kind === 'SetComment' && created.has(s.object) && s.hazards.length === 0) continue;
    if (!seen.has(what)) {
      seen.add(what);
      lines.push(opColor(s.op)(what));
    }
    for (const h of s.hazards) lines.push(`    ${red('hazard')} ${bold(h.kind)}: ${h.message}`);
    for (const l of s.locks) lines.push(dim(`    lock ${describeLock(l)}${s.transactional ? '' : ', outside the transaction'}`));
  }
  const kinds = new Set(plan.steps.flatMap((s) => s.hazards.map((h) => h.kind)));
  const counts = { '+': 0, '~': 0, '-': 0 };
  for (const s of plan.steps) counts[s.op]++;
  lines.push('');
  lines.push(
    `${plan.steps.length} statement(s): ${counts['+']} create, ${counts['~']} alter, ${counts['-']} drop` +
      (kinds.size ? `; hazards: ${[...kinds].join(', ')}` : ''),
  );
  return lines.join('\n');
}

function describeChange(s: Step): string {
  if (s.change.kind === 'SyncTableData') return `${s.change.action} ${s.change.rows.length} row(s) of ${s.object}`;
  const c = s.change as unknown as Record<string, unknown>;
  // `rename publication …`, `rename sequence …`: the renamed kind rather than "object".
  const named = s.change.kind === 'RenameObject' || s.change.kind === 'RenameTypeObject' ? `Rename${String(c.object)}` : s.change.kind;
  const kind = named.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  if (s.change.kind.startsWith('Rename') && typeof c.from === 'string' && typeof c.to === 'string') {
    // `old → new`, both qualified by what holds them (schema, table or type).
    const holder = ['schema', 'table', 'enum', 'type'].map((k) => c[k]).filter((v): v is string => typeof v === 'string');
    const q = (name: string) => [...holder, name].join('.');
    return `${kind} ${q(c.from)} → ${q(c.to)}`;
  }
  return `${kind} ${s.object}`;
}

/** Names the objects a plan leaves alone because schemakit does not manage their kind yet. */
export function renderUnmanaged(objects: readonly { kind: string; name: string }[]): string {
  if (objects.length === 0) return '';
  const lines = objects.slice(0, 50).map((o) => `  ${o.kind} ${o.name}`);
  if (objects.length > 50) lines.push(`  … and ${objects.length - 50} more`);
  return `\n\n${yellow(`Not managed by schemakit yet (left as they are): ${objects.length} object(s)`)}\n${lines.join('\n')}`;
}
