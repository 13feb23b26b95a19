import type { EventTrigger, Trigger } from '../model';
import { ident, identList, literal, qualified } from './quote';

type TriggerName = Pick<Trigger, 'schema' | 'table' | 'name'>;

/** `INSERT OR UPDATE OF a, b OR DELETE`. */
function eventsSql(t: Trigger): string {
  return t.events.map((e) => (e === 'update' && t.updateOf.length > 0 ? `UPDATE OF ${identList(t.updateOf)}` : e.toUpperCase())).join(' OR ');
}

/** `REFERENCING OLD TABLE AS a NEW TABLE AS b` (the transition relations an AFTER trigger reads), or nothing. */
function referencingSql(t: Pick<Trigger, 'oldTable' | 'newTable'>): string[] {
  const parts = [
    ...(t.oldTable !== undefined ? [`OLD TABLE AS ${ident(t.oldTable)}`] : []),
    ...(t.newTable !== undefined ? [`NEW TABLE AS ${ident(t.newTable)}`] : []),
  ];
  return parts.length > 0 ? [`REFERENCING ${parts.join(' ')}`] : [];
}

/**
 * `CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name timing events ON table [DEFERRABLE …] [REFERENCING …] FOR EACH
 * ROW|STATEMENT [WHEN (…)] EXECUTE FUNCTION fn('arg', …)`. OR REPLACE (PostgreSQL 14+) is not allowed for
 * constraint triggers.
 */
export function createTriggerSql(t: Trigger, orReplace = false): string {
  const timing = t.timing === 'instead-of' ? 'INSTEAD OF' : t.timing.toUpperCase();
  const parts = [
    `CREATE ${orReplace ? 'OR REPLACE ' : ''}${t.constraint ? 'CONSTRAINT ' : ''}TRIGGER ${ident(t.name)} ${timing} ${eventsSql(t)} ON ${qualified(t.schema, t.table)}`,
    ...(t.constraint && t.deferrable ? [`DEFERRABLE INITIALLY ${t.initiallyDeferred ? 'DEFERRED' : 'IMMEDIATE'}`] : []),
    ...referencingSql(t),
    `FOR EACH ${t.forEachRow ? 'ROW' : 'STATEMENT'}`,
    ...(t.when !== null ? [`WHEN (${t.when})`] : []),
    `EXECUTE FUNCTION ${qualified(t.functionSchema, t.functionName)}(${t.args.map(literal).join(', ')})`,
  ];
  return parts.join(' ');
}

/** `ALTER TABLE schema.table DISABLE TRIGGER name` (or `ENABLE [REPLICA | ALWAYS] TRIGGER`; `O`: `ENABLE`). */
export function enableTriggerSql(t: TriggerName, enabled: EventTrigger['enabled']): string {
  return `ALTER TABLE ${qualified(t.schema, t.table)} ${enableWords[enabled]} TRIGGER ${ident(t.name)}`;
}

/** `DROP TRIGGER name ON schema.table`. */
export function dropTriggerSql(t: TriggerName): string {
  return `DROP TRIGGER ${ident(t.name)} ON ${qualified(t.schema, t.table)}`;
}

/** `ALTER TRIGGER from ON schema.table RENAME TO to`. */
export function renameTriggerSql(schema: string, table: string, from: string, to: string): string {
  return `ALTER TRIGGER ${ident(from)} ON ${qualified(schema, table)} RENAME TO ${ident(to)}`;
}

const enableWords: Record<EventTrigger['enabled'], string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

/** `CREATE EVENT TRIGGER name ON event [WHEN TAG IN (…)] EXECUTE FUNCTION fn()`. */
export function createEventTriggerSql(e: EventTrigger): string {
  const when = e.tags.length > 0 ? ` WHEN TAG IN (${e.tags.map(literal).join(', ')})` : '';
  return `CREATE EVENT TRIGGER ${ident(e.name)} ON ${ident(e.event)}${when} EXECUTE FUNCTION ${qualified(e.functionSchema, e.functionName)}()`;
}

/** `ALTER EVENT TRIGGER name ENABLE|DISABLE|ENABLE REPLICA|ENABLE ALWAYS`. */
export function enableEventTriggerSql(e: Pick<EventTrigger, 'name' | 'enabled'>): string {
  return `ALTER EVENT TRIGGER ${ident(e.name)} ${enableWords[e.enabled]}`;
}

/** `DROP EVENT TRIGGER name`. */
export function dropEventTriggerSql(e: Pick<EventTrigger, 'name'>): string {
  return `DROP EVENT TRIGGER ${ident(e.name)}`;
}
