import type { CommentTarget, SetComment } from '../diff';
import { commentSql } from '../sql';
import { assertNever } from '../util';
import { nameKey } from '../model';
import {
  collationNode,
  columnNode,
  constraintNode,
  eventTriggerNode,
  extensionNode,
  foreignServerNode,
  publicationNode,
  policyNode,
  relNode,
  routineNode,
  schemaNode,
  statisticsNode,
  textSearchNode,
  ruleNode,
  triggerNode,
  typeNode,
} from './graph-keys';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/** The object a comment target names, for summaries. */
function targetObject(t: CommentTarget): string {
  switch (t.kind) {
    case 'Schema':
    case 'Extension':
      return t.name;
    case 'Enum':
    case 'Table':
    case 'Index':
    case 'View':
      return nameKey(t.schema, t.name);
    case 'Routine':
    case 'Aggregate':
      return `${nameKey(t.schema, t.name)}(${t.identityArgs})`;
    case 'Trigger':
      return nameKey(t.schema, t.table, t.name);
    case 'EventTrigger':
    case 'Publication':
    case 'ForeignServer':
      return t.name;
    case 'Sequence':
    case 'Domain':
    case 'CompositeType':
    case 'Collation':
    case 'ForeignTable':
    case 'RangeType':
    case 'Statistics':
    case 'TextSearchDictionary':
    case 'TextSearchConfiguration':
      return nameKey(t.schema, t.name);

    case 'Column':
    case 'Constraint':
    case 'Policy':
    case 'Rule':
      return nameKey(t.schema, t.table, t.name);
    default:
      return assertNever(t, 'comment target');
  }
}

/** The graph key of the commented object (the comment comes after it is created or renamed). */
function targetNode(t: CommentTarget): string {
  switch (t.kind) {
    case 'Schema':
      return schemaNode(t.name);
    case 'Extension':
      return extensionNode(t.name);
    case 'Enum':
      return typeNode(t.schema, t.name);
    case 'Table':
    case 'Index':
      return relNode(t.schema, t.name);
    case 'Column':
      return columnNode(t.schema, t.table, t.name);
    case 'Constraint':
      return constraintNode(t.schema, t.table, t.name);
    case 'View':
      return relNode(t.schema, t.name);
    case 'Routine':
    case 'Aggregate':
      return routineNode(t.schema, t.name, t.identityArgs);
    case 'Trigger':
      return triggerNode(t.schema, t.table, t.name);
    case 'Rule':
      return ruleNode(t.schema, t.table, t.name);
    case 'EventTrigger':
      return eventTriggerNode(t.name);
    case 'Publication':
      return publicationNode(t.name);
    case 'ForeignServer':
      return foreignServerNode(t.name);
    case 'Sequence':
    case 'ForeignTable':
      return relNode(t.schema, t.name);
    case 'Domain':
    case 'CompositeType':
    case 'RangeType':
      return typeNode(t.schema, t.name);
    case 'Collation':
      return collationNode(t.schema, t.name);
    case 'Statistics':
      return statisticsNode(t.schema, t.name);
    case 'TextSearchDictionary':
    case 'TextSearchConfiguration':
      return textSearchNode(t.kind, t.schema, t.name);
    case 'Policy':
      return policyNode(t.schema, t.table, t.name);
    default:
      return assertNever(t, 'comment target');
  }
}

/** COMMENT ON … IS 'text' | NULL; the reverse sets the previous comment. */
export function planSetComment(c: SetComment): PlannedStep[] {
  return [
    plannedStep(c, {
      sql: commentSql(c.target, c.to),
      reverse: commentSql(c.target, c.from),
      object: targetObject(c.target),
      op: '~',
      phase: Phase.Comment,
      needs: [targetNode(c.target)],
    }),
  ];
}
