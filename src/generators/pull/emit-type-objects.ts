import type { Collation, CompositeType, Domain, Sequence, SequenceOptions } from '../../model';
import { defaultSequenceOptions } from '../../sql';
import { collateArgument } from './collation';
import { schemaArgument } from './emit-programmable';
import type { Imports } from './imports';
import type { PullContext } from './pull-context';
import { pullKey } from './pull-names';
import { sqlTemplate, unwrapParens } from './sql-template';
import { tsAccess, tsKey, tsString } from './ts-text';

/** `{ … }` with one member per line, or nothing when there are none. */
const optionsObject = (lines: readonly string[]): string => (lines.length === 0 ? '' : `, {\n${lines.join('\n')}\n}`);

/** A decimal string as a number literal when it is exact, else the string. */
const tsNumber = (n: string): string => (Number.isSafeInteger(Number(n)) ? n : tsString(n));

/** The options of a sequence that differ from Postgres's defaults for its type, as `[key, TypeScript value]` of a SequenceOptionsSpec. */
export function sequenceOptionEntries(o: SequenceOptions): [string, string][] {
  const d = defaultSequenceOptions(o.type, o.increment);
  const up = !o.increment.startsWith('-');
  const out: [string, string][] = [];
  if (o.increment !== '1') out.push(['increment', tsNumber(o.increment)]);
  if (o.min !== d.min) out.push(['minValue', tsNumber(o.min)]);
  if (o.max !== d.max) out.push(['maxValue', tsNumber(o.max)]);
  if (o.start !== (up ? o.min : o.max)) out.push(['start', tsNumber(o.start)]);
  if (o.cache !== '1') out.push(['cache', tsNumber(o.cache)]);
  if (o.cycle) out.push(['cycle', 'true']);
  return out;
}

/** `sequence(s, 'name', { type, start, increment, minValue, maxValue, cache, cycle, ownedBy })`: only what differs from Postgres's defaults. */
export function emitSequence(s: Sequence, ctx: PullContext, imports: Imports): string {
  const lines: string[] = [];
  if (s.type !== 'bigint') lines.push(`  type: ${tsString(s.type)},`);
  for (const [key, value] of sequenceOptionEntries(s)) lines.push(`  ${key}: ${value},`);
  if (s.ownedBy !== null) {
    const table = ctx.names.tables.get(pullKey(s.schema, s.ownedBy.table))!;
    lines.push(`  ownedBy: () => ${tsAccess(`${imports.ref(table)}.columns`, s.ownedBy.column)},`);
  }
  if (s.comment !== null) lines.push(`  comment: ${tsString(s.comment)},`);
  return `${imports.lib('sequence')}(${schemaArgument(s.schema, ctx, imports)}, ${tsString(s.name)}${optionsObject(lines)})`;
}

/** `domain(s, 'name', 'type', { notNull, default, collation, checks: { name: sql\`VALUE …\` } })`. */
export function emitDomain(d: Domain, ctx: PullContext, imports: Imports): string {
  const lines: string[] = [];
  if (d.notNull) lines.push('  notNull: true,');
  if (d.default !== null) lines.push(`  default: ${imports.lib('sql') && sqlTemplate(d.default)},`);
  if (d.collation !== null) lines.push(`  collation: ${tsString(collateArgument(d.collation))},`);
  if (d.checks.length > 0) {
    imports.lib('sql');
    lines.push('  checks: {');
    for (const k of d.checks) lines.push(`    ${tsKey(k.name)}: ${sqlTemplate(unwrapParens(k.expression))},`);
    lines.push('  },');
  }
  if (d.comment !== null) lines.push(`  comment: ${tsString(d.comment)},`);
  return `${imports.lib('domain')}(${schemaArgument(d.schema, ctx, imports)}, ${tsString(d.name)}, ${tsString(d.type)}${optionsObject(lines)})`;
}

/** `compositeType(s, 'name', { attribute: 'type', other: { type, collation } }, { comment })`. */
export function emitCompositeType(t: CompositeType, ctx: PullContext, imports: Imports): string {
  const attributes = t.attributes.map(
    (a) =>
      `  ${tsKey(a.name)}: ${a.collation === null ? tsString(a.type) : `{ type: ${tsString(a.type)}, collation: ${tsString(collateArgument(a.collation))} }`},`,
  );
  const body = attributes.length === 0 ? '{}' : `{\n${attributes.join('\n')}\n}`;
  const options = t.comment === null ? '' : `, { comment: ${tsString(t.comment)} }`;
  return `${imports.lib('compositeType')}(${schemaArgument(t.schema, ctx, imports)}, ${tsString(t.name)}, ${body}${options})`;
}

/** `collation(s, 'name', { provider, locale | lcCollate + lcCtype, deterministic })`. */
export function emitCollation(c: Collation, ctx: PullContext, imports: Imports): string {
  const lines = [`  provider: ${tsString(c.provider)},`];
  if (c.locale !== null) lines.push(`  locale: ${tsString(c.locale)},`);
  if (c.lcCollate !== null) lines.push(`  lcCollate: ${tsString(c.lcCollate)},`);
  if (c.lcCtype !== null) lines.push(`  lcCtype: ${tsString(c.lcCtype)},`);
  if (!c.deterministic) lines.push('  deterministic: false,');
  if (c.comment !== null) lines.push(`  comment: ${tsString(c.comment)},`);
  return `${imports.lib('collation')}(${schemaArgument(c.schema, ctx, imports)}, ${tsString(c.name)}${optionsObject(lines)})`;
}
