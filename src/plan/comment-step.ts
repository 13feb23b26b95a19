import type { Change, CommentTarget } from '../diff';
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
