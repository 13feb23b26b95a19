/**
 * The declaration API: what `schema/*.ts` files import as `from 'schemakit'`, plus the functions that
 * turn evaluated declarations into a catalog (`collectDeclarations`) and check it (`validateDeclared`).
 */
export { sql, Sql, type JsonValue, type SqlEmbeddable } from './sql-fragment';
export { schema, tenant, extension, SchemaDecl, TenantName, ExtensionDecl, type SchemaOptions, type ExtensionOptions } from './schema';
export { enumType, value, EnumDecl, type EnumValue, type EnumOptions, type EnumValueOptions, type EnumValueName } from './enum';
export { c, type DateTimeValue } from './column-types';
export { ColumnBuilder, type AnyColumnBuilder, type ReferenceOptions, type ColumnConstraintOptions, type ColumnsExpression } from './column';
export { ColumnRef, IndexKeyBuilder, key, type IndexKeySpec } from './column-ref';
export {
  primaryKey,
  unique,
  check,
  foreignKey,
  PrimaryKeyBuilder,
  UniqueBuilder,
  CheckBuilder,
  ForeignKeyBuilder,
  type ColumnSpec,
  type ReferenceTarget,
} from './constraints';
export { index, IndexBuilder } from './index-builder';
export { table, TableDecl, type AnyTableDecl, type TableOptions, type ColumnRefs } from './table';
export { view, materializedView, ViewDecl, type ViewOptions, type MaterializedViewOptions } from './view';
export { func, procedure, RoutineDecl, type ArgumentSpec, type TypeSpec, type RoutineOptions, type FunctionOptions } from './routine';
export { trigger, eventTrigger, TriggerDecl, EventTriggerDecl, type TriggerOptions, type EventTriggerOptions, type RoutineRef } from './trigger';
export { aggregate, AggregateDecl, type AggregateOptions, type AggregateFunction, type MovingAggregateOptions } from './aggregate';
export { statistics, StatisticsDecl, type StatisticsOptions } from './statistics';
export { rule, RuleDecl, type RuleOptions } from './rule';
export {
  textSearchDictionary,
  textSearchConfiguration,
  TextSearchDictionaryDecl,
  TextSearchConfigurationDecl,
  type TextSearchDictionaryOptions,
  type TextSearchConfigurationOptions,
  type DictionarySpec,
} from './text-search';
export {
  sequence,
  domain,
  compositeType,
  collation,
  rangeType,
  RangeTypeDecl,
  type RangeTypeOptions,
  SequenceDecl,
  DomainDecl,
  CompositeTypeDecl,
  CollationDecl,
  type SequenceDeclOptions,
  type DomainOptions,
  type DomainCheckSpec,
  type CompositeTypeOptions,
  type AttributeSpec,
  type CollationOptions,
  type TypeDecl,
} from './type-decls';
export type { SequenceOptionsSpec } from './sequence-options';
export { policy, PolicyBuilder } from './policy';
export { exclude, ExclusionBuilder, type ExclusionElementSpec } from './exclusion';
export type { PartitionBySpec, PartitionOfSpec, PartitionKeySpec, BoundValue, TableShapeOptions, InheritedColumnSpec } from './table-shape';
export { grant, revokeDefault, managePrivileges, GrantDecl, type GrantTarget, type GrantOptions } from './grant';
export { expect, dataCheck, ExpectationDecl, DataCheckDecl } from './expect';
export { publication, PublicationDecl, type PublicationOptions, type PublicationTableSpec } from './publication';
export {
  foreignServer,
  foreignTable,
  ForeignServerDecl,
  ForeignTableDecl,
  type ForeignServerOptions,
  type ForeignTableOptions,
  type ForeignColumnSpec,
} from './foreign';
export { collectDeclarations } from './collect';
export { validateDeclared } from './validate';
export type { Declared } from './declared';
export { referenceData, ReferenceDataDecl, type ReferenceDataOptions, type ReferenceDataSpec, type ReferenceDataMode, type LookupSpec } from './reference-data';
