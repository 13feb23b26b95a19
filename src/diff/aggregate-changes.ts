import type { Aggregate } from '../model';

/** Changes of user aggregates (see model/aggregate.ts). */
export interface CreateAggregate {
  readonly kind: 'CreateAggregate';
  readonly aggregate: Aggregate;
}
export interface DropAggregate {
  readonly kind: 'DropAggregate';
  readonly aggregate: Aggregate;
}
/** `CREATE OR REPLACE AGGREGATE` (PostgreSQL 14+): same arguments, kind and result type. */
export interface ReplaceAggregate {
  readonly kind: 'ReplaceAggregate';
  readonly from: Aggregate;
  readonly to: Aggregate;
}
export type AggregateChange = CreateAggregate | DropAggregate | ReplaceAggregate;
