/** Postgres's implicit-name rules live in the model (the diff needs them to let renames follow); re-exported here. */
export { MAX_IDENTIFIER_BYTES, chooseName, clipBytes, expressionColumnName, indexColumnNames, makeObjectName, nameAddition } from '../model';
