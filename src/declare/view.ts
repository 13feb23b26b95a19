import { qualified } from '../sql';
import type { CheckOption, ColumnStorage } from '../model';
import type { IndexBuilder } from './index-builder';
import { captureLocation, type Location } from './location';
import { schemaName, type SchemaDecl } from './schema';
import { Sql, type SqlEmbeddable } from './sql-fragment';

/** Options of `view()`. */
export interface ViewOptions {
  /** The query: `sql\`SELECT … FROM ${users}\`` or plain text. */
  readonly as: Sql | string;
  readonly comment?: string;
  /** Comments on output columns: `{ email: 'Lower-cased' }` (COMMENT ON COLUMN view.email). */
  readonly columnComments?: Readonly<Record<string, string>>;
  /** Defaults of output columns, used by INSERTs through the view: `{ created_at: sql\`now()\` }` (ALTER VIEW … SET DEFAULT). */
  readonly columnDefaults?: Readonly<Record<string, Sql | string>>;
  /** The view's previous name: the change becomes `ALTER VIEW … RENAME TO`. */
  readonly renamedFrom?: string;
  /** `WITH (security_barrier)`. */
  readonly securityBarrier?: boolean;
  /** `WITH (security_invoker)` (PostgreSQL 15+). */
  readonly securityInvoker?: boolean;
  /** `WITH LOCAL|CASCADED CHECK OPTION`. */
  readonly checkOption?: CheckOption;
}

/** Options of `materializedView()`. */
export interface MaterializedViewOptions {
  readonly as: Sql | string;
  readonly comment?: string;
  /** Comments on output columns: `{ email: 'Lower-cased' }` (COMMENT ON COLUMN view.email). */
  readonly columnComments?: Readonly<Record<string, string>>;
  readonly renamedFrom?: string;
  /** Statistics targets of output columns: `{ total: 500 }` (ALTER MATERIALIZED VIEW … SET STATISTICS). */
  readonly columnStatistics?: Readonly<Record<string, number>>;
  /** Storage of output columns when not their type's: `{ body: 'external' }` (ALTER MATERIALIZED VIEW … SET STORAGE). */
  readonly columnStorage?: Readonly<Record<string, ColumnStorage>>;
  /** `WITH NO DATA` when false (default: populated, `WITH DATA`). */
  readonly withData?: boolean;
  /** `WITH (fillfactor = 90, autovacuum_enabled = false)`: storage parameters, as for tables. */
  readonly storageParameters?: Readonly<Record<string, string | number | boolean>>;
  /** Indexes on the materialized view: keys as `sql\`name\`` (columns) or expressions. */
  readonly indexes?: readonly IndexBuilder[];
}

/** Everything declared about a view (internal; read by collectDeclarations). */
export interface ViewDetails {
  readonly schemaDecl: SchemaDecl | null;
  readonly materialized: boolean;
  readonly query: string;
  /** Tables and views interpolated into the query: collected with the view, and created before it. */
  readonly reads: readonly SqlEmbeddable[];
  readonly comment: string | null;
  readonly columnComments: Readonly<Record<string, string>>;
  /** Column defaults as SQL text, statistics targets and storage. */
  readonly columnDefaults: Readonly<Record<string, string>>;
  readonly columnStatistics: Readonly<Record<string, number>>;
  readonly columnStorage: Readonly<Record<string, ColumnStorage>>;
  readonly renamedFrom: string | null;
  readonly securityBarrier: boolean;
  readonly securityInvoker: boolean;
  readonly checkOption: CheckOption | null;
  readonly withData: boolean;
  readonly storageParameters: Readonly<Record<string, string | number | boolean>>;
  readonly indexes: readonly IndexBuilder[];
  readonly location: Location | null;
}

/** A declared view or materialized view; in the `sql` tag it is its qualified name. */
export class ViewDecl implements SqlEmbeddable {
  readonly kind = 'ViewDecl' as const;
  constructor(
    readonly schema: string,
    readonly name: string,
    /** Internal: the declaration details. */
    readonly details: ViewDetails,
  ) {
    Object.freeze(this);
  }
  toSqlFragment(): Sql {
    return new Sql(qualified(this.schema, this.name));
  }
}

const queryText = (q: Sql | string) => (typeof q === 'string' ? q : q.text).trim().replace(/;\s*$/, '');

/** The tables and views a `sql` query interpolates. */
const readsOf = (q: Sql | string): SqlEmbeddable[] =>
  typeof q === 'string' ? [] : q.objects.filter((o) => ['TableDecl', 'ViewDecl'].includes((o as { kind?: string }).kind ?? ''));

/** A view declaration with the options of either kind (the other kind's are left at their defaults). */
function declareView(
  schema: SchemaDecl | string,
  name: string,
  materialized: boolean,
  o: Partial<ViewOptions & MaterializedViewOptions> & { as: Sql | string },
): ViewDecl {
  return new ViewDecl(schemaName(schema), name, {
    schemaDecl: typeof schema === 'string' ? null : schema,
    materialized,
    query: queryText(o.as),
    reads: readsOf(o.as),
    comment: o.comment ?? null,
    columnComments: o.columnComments ?? {},
    columnDefaults: Object.fromEntries(Object.entries(o.columnDefaults ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : v.text])),
    columnStatistics: o.columnStatistics ?? {},
    columnStorage: o.columnStorage ?? {},
    renamedFrom: o.renamedFrom ?? null,
    securityBarrier: o.securityBarrier ?? false,
    securityInvoker: o.securityInvoker ?? false,
    checkOption: o.checkOption ?? null,
    withData: o.withData ?? true,
    storageParameters: o.storageParameters ?? {},
    indexes: o.indexes ?? [],
    location: captureLocation(),
  });
}

/** Declares a view: `view(reporting, 'active_users', { as: sql\`SELECT … FROM ${users} WHERE …\` })`. */
export function view(schema: SchemaDecl | string, name: string, options: ViewOptions): ViewDecl {
  return declareView(schema, name, false, options);
}

/** Declares a materialized view, with its indexes: `materializedView(s, 'popular', { as: sql\`…\`, indexes: [index().on(sql\`id\`).unique()] })`. */
export function materializedView(schema: SchemaDecl | string, name: string, options: MaterializedViewOptions): ViewDecl {
  return declareView(schema, name, true, options);
}
