import type { ForeignServer, ForeignTable, Publication } from '../model';
import type { Around } from './around';

/** Changes of publications, foreign servers and foreign tables (issue 9). Part of the Change union in changes.ts. */

export interface CreatePublication {
  readonly kind: 'CreatePublication';
  readonly publication: Publication;
}
export interface DropPublication {
  readonly kind: 'DropPublication';
  readonly publication: Publication;
}
/**
 * `ALTER PUBLICATION … SET (…)` and `ADD/DROP TABLE | TABLES IN SCHEMA` (FOR ALL TABLES changed: drop and create);
 * `around`: a table taken out before its columns change type and put back after.
 */
export interface AlterPublication extends Around {
  readonly kind: 'AlterPublication';
  readonly from: Publication;
  readonly to: Publication;
}

export interface CreateForeignServer {
  readonly kind: 'CreateForeignServer';
  readonly server: ForeignServer;
}
export interface DropForeignServer {
  readonly kind: 'DropForeignServer';
  readonly server: ForeignServer;
}
/** `ALTER SERVER … [VERSION …] OPTIONS (ADD|SET|DROP …)` (a new wrapper or type: drop and create). */
export interface AlterForeignServer {
  readonly kind: 'AlterForeignServer';
  readonly from: ForeignServer;
  readonly to: ForeignServer;
}

export interface CreateForeignTable {
  readonly kind: 'CreateForeignTable';
  readonly table: ForeignTable;
}
export interface DropForeignTable {
  readonly kind: 'DropForeignTable';
  readonly table: ForeignTable;
}
/** `ALTER FOREIGN TABLE …` columns and options (a new server: drop and create). */
export interface AlterForeignTable {
  readonly kind: 'AlterForeignTable';
  readonly from: ForeignTable;
  readonly to: ForeignTable;
}

export type ReplicationChange =
  | CreatePublication
  | DropPublication
  | AlterPublication
  | CreateForeignServer
  | DropForeignServer
  | AlterForeignServer
  | CreateForeignTable
  | DropForeignTable
  | AlterForeignTable;
