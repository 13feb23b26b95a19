import type { EventTrigger, Rule, Trigger } from '../model';

export interface CreateTrigger {
  readonly kind: 'CreateTrigger';
  readonly trigger: Trigger;
}
export interface DropTrigger {
  readonly kind: 'DropTrigger';
  readonly trigger: Trigger;
}
/** `ALTER TABLE … ENABLE [REPLICA|ALWAYS] | DISABLE TRIGGER …`: only the firing state differs. */
export interface AlterTrigger {
  readonly kind: 'AlterTrigger';
  readonly from: Trigger;
  readonly to: Trigger;
}
export interface RenameTrigger {
  readonly kind: 'RenameTrigger';
  readonly schema: string;
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

export interface CreateRule {
  readonly kind: 'CreateRule';
  readonly rule: Rule;
}
export interface DropRule {
  readonly kind: 'DropRule';
  readonly rule: Rule;
}
/** `CREATE OR REPLACE RULE`: same name and table, another definition. */
export interface ReplaceRule {
  readonly kind: 'ReplaceRule';
  readonly from: Rule;
  readonly to: Rule;
}

export interface CreateEventTrigger {
  readonly kind: 'CreateEventTrigger';
  readonly eventTrigger: EventTrigger;
}
export interface DropEventTrigger {
  readonly kind: 'DropEventTrigger';
  readonly eventTrigger: EventTrigger;
}
/** `ALTER EVENT TRIGGER … ENABLE|DISABLE…`. */
export interface AlterEventTrigger {
  readonly kind: 'AlterEventTrigger';
  readonly from: EventTrigger;
  readonly to: EventTrigger;
}

export type TriggerChange =
  CreateTrigger | DropTrigger | AlterTrigger | RenameTrigger | CreateRule | DropRule | ReplaceRule | CreateEventTrigger | DropEventTrigger | AlterEventTrigger;
