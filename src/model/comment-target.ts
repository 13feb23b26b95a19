/** What a comment is attached to. */
export type CommentTarget =
  | { readonly kind: 'Schema'; readonly name: string }
  | { readonly kind: 'Extension'; readonly name: string }
  | { readonly kind: 'Enum'; readonly schema: string; readonly name: string }
  | { readonly kind: 'Table'; readonly schema: string; readonly name: string }
  | { readonly kind: 'Column'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'Index'; readonly schema: string; readonly name: string }
  | { readonly kind: 'Constraint'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'View'; readonly schema: string; readonly name: string; readonly materialized: boolean }
  | { readonly kind: 'Routine'; readonly schema: string; readonly name: string; readonly identityArgs: string; readonly procedure: boolean }
  | { readonly kind: 'Trigger' | 'Rule'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'EventTrigger' | 'Publication' | 'ForeignServer'; readonly name: string }
  | {
      readonly kind:
        | 'Sequence'
        | 'Domain'
        | 'CompositeType'
        | 'Collation'
        | 'ForeignTable'
        | 'RangeType'
        | 'Statistics'
        | 'TextSearchDictionary'
        | 'TextSearchConfiguration';
      readonly schema: string;
      readonly name: string;
    }
  | { readonly kind: 'Policy'; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'Aggregate'; readonly schema: string; readonly name: string; readonly identityArgs: string; readonly args: string };
