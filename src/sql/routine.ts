import type { Routine } from '../model';
import { dollarQuote, ident, literal, qualified } from './quote';

type RoutineName = Pick<Routine, 'schema' | 'name' | 'identityArgs' | 'procedure'>;

const routineWord = (r: Pick<Routine, 'procedure'>) => (r.procedure ? 'PROCEDURE' : 'FUNCTION');

/** `schema.name(identity args)`, how DROP/ALTER/COMMENT name one overload. */
export function routineSignature(r: Pick<Routine, 'schema' | 'name' | 'identityArgs'>): string {
  return `${qualified(r.schema, r.name)}(${r.identityArgs})`;
}

/** GUCs whose value is a list: each element is quoted on its own (as pg_get_functiondef does). */
const LIST_SETTINGS = new Set(['search_path', 'temp_tablespaces', 'session_preload_libraries', 'local_preload_libraries']);

/** Splits a stored list setting (`public, "$user", ""`) into its elements, unquoting double-quoted ones. */
function splitList(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (value[i] === ' ') i++;
    let item = '';
    if (value[i] === '"') {
      for (i++; i < value.length; i++) {
        if (value[i] === '"' && value[i + 1] === '"') {
          item += '"';
          i++;
        } else if (value[i] === '"') {
          i++;
          break;
        } else item += value[i];
      }
    } else {
      while (i < value.length && value[i] !== ',') item += value[i++];
      item = item.trim();
    }
    out.push(item);
    while (i < value.length && value[i] !== ',') i++;
    i++;
  }
  return out;
}

/** `SET name TO value` of one `proconfig` entry (`name=value`). */
export function routineSettingSql(entry: string): string {
  const i = entry.indexOf('=');
  const name = entry.slice(0, i);
  const value = entry.slice(i + 1);
  const values = LIST_SETTINGS.has(name) ? splitList(value).map(literal) : [literal(value)];
  return `SET ${ident(name)} TO ${values.join(', ')}`;
}

/** The default cost Postgres gives a routine of the language (1 for C and internal, else 100). */
const defaultCost = (language: string) => (language === 'c' || language === 'internal' ? 1 : 100);

/**
 * `CREATE [OR REPLACE] FUNCTION|PROCEDURE schema.name(args) RETURNS … LANGUAGE … <attributes> AS $body$…$body$`.
 * Every attribute that differs from Postgres' default is stated, so CREATE OR REPLACE (which resets the
 * unstated ones) gives exactly this routine.
 */
export function createRoutineSql(r: Routine, orReplace = false): string {
  const lines = [`CREATE ${orReplace ? 'OR REPLACE ' : ''}${routineWord(r)} ${qualified(r.schema, r.name)}(${r.args})`];
  if (!r.procedure && r.returns !== null) lines.push(` RETURNS ${r.returns}`);
  lines.push(` LANGUAGE ${ident(r.language)}`);
  const attrs: string[] = [];
  if (!r.procedure) {
    if (r.volatility !== 'volatile') attrs.push(r.volatility.toUpperCase());
    if (r.strict) attrs.push('STRICT');
    if (r.leakproof) attrs.push('LEAKPROOF');
    if (r.parallel !== 'unsafe') attrs.push(`PARALLEL ${r.parallel.toUpperCase()}`);
    if (r.cost !== defaultCost(r.language)) attrs.push(`COST ${r.cost}`);
    if (r.rows !== null && r.rows !== 1000) attrs.push(`ROWS ${r.rows}`);
  }
  if (r.securityDefiner) attrs.push('SECURITY DEFINER');
  if (attrs.length > 0) lines.push(` ${attrs.join(' ')}`);
  for (const c of r.config) lines.push(` ${routineSettingSql(c)}`);
  lines.push(r.atomic ? r.body : `AS ${dollarQuote(r.body)}`);
  return lines.join('\n');
}

/** `DROP FUNCTION|PROCEDURE schema.name(identity args)`. */
export function dropRoutineSql(r: RoutineName): string {
  return `DROP ${routineWord(r)} ${routineSignature(r)}`;
}

/** `ALTER FUNCTION|PROCEDURE schema.from(args) RENAME TO to`. */
export function renameRoutineSql(r: RoutineName, to: string): string {
  return `ALTER ${routineWord(r)} ${routineSignature(r)} RENAME TO ${ident(to)}`;
}
