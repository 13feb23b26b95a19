import type { Change, CommentTarget } from '../diff';
import type { Constraint } from '../model';
import { commentSql } from '../sql';
import { Phase, plannedStep, type PlannedStep } from './planned-step';

/**
 * The COMMENT ON step that follows the creation of an object carrying its comment (views, routines,
 * triggers are created with theirs, so that recreating one keeps it); none when the comment is null.
 */
export function commentAfterCreate(c: Change, target: CommentTarget, comment: string | null, object: string, node: string): PlannedStep[] {
  if (comment === null) return [];
  return [plannedStep(c, { sql: commentSql(target, comment), reverse: commentSql(target, null), object, op: '~', phase: Phase.Comment, needs: [node] })];
}

/** `COMMENT ON … IS …` of an object being restored by a reverse, or null without a comment. */
export const restoreComment = (target: CommentTarget, comment: string | null): string | null => (comment === null ? null : commentSql(target, comment));

/** The comments of a constraint being restored, its own and (for a key) its index's: `COMMENT ON …` statements, or null. */
export function restoreConstraintComments(k: Constraint): string | null {
  const index = 'indexComment' in k && k.indexComment !== undefined ? commentSql({ kind: 'Index', schema: k.schema, name: k.name }, k.indexComment) : null;
  const own = restoreComment({ kind: 'Constraint', schema: k.schema, table: k.table, name: k.name }, k.comment);
  return own === null && index === null ? null : [own, index].filter((x) => x !== null).join(';\n');
}
