/** `schemakit check` and `schemakit dedupe`: the data obeys the schema, and duplicates are merged safely. */
export { checkData, type CheckOptions } from './check';
export { checkKinds, type CheckKind, type CheckFinding, type CheckSkipped, type CheckReport, type CheckDeclarations } from './types';
export { dedupe, parseKeep, type DedupeOptions, type DedupeReport, type DedupeGroup, type DedupeReference, type KeepStrategy } from './dedupe';
