import { expect } from 'chai';
import { PGlite, type Extension } from '@electric-sql/pglite';
import * as path from 'node:path';
import { Client } from 'pg';
import type { Declared } from '../../src/declare';
import { loadSchemaDir } from '../../src/load';
import { addConstraintSql, commentSql, createEnumSql, createExtensionSql, createIndexSql, createSchemaSql, createTableSql } from '../../src/sql';

// The contrib subpath is only reachable through the package's `exports` map, which moduleResolution node10 ignores.
const { pgcrypto } = require('@electric-sql/pglite/contrib/pgcrypto') as { pgcrypto: Extension };

/** Plain DDL for a declared catalog (creation order: schemas, extensions, enums, tables, foreign keys, indexes, comments). */
function ddl(d: Declared): string[] {
  const { catalog: cat } = d;
  const out: string[] = [];
  out.push(...cat.schemas.map(createSchemaSql), ...cat.extensions.map(createExtensionSql), ...cat.enums.map(createEnumSql));
  for (const t of cat.tables) {
    const own = cat.constraints.filter((c) => c.schema === t.schema && c.table === t.name && c.kind !== 'ForeignKey');
    out.push(createTableSql(t, own));
  }
  out.push(...cat.constraints.filter((c) => c.kind === 'ForeignKey').map(addConstraintSql), ...cat.indexes.map(createIndexSql));
  for (const s of cat.schemas) if (s.comment) out.push(commentSql({ kind: 'Schema', name: s.name }, s.comment));
  for (const e of cat.enums) if (e.comment) out.push(commentSql({ kind: 'Enum', schema: e.schema, name: e.name }, e.comment));
  for (const t of cat.tables) {
    if (t.comment) out.push(commentSql({ kind: 'Table', schema: t.schema, name: t.name }, t.comment));
    for (const c of t.columns) if (c.comment) out.push(commentSql({ kind: 'Column', schema: t.schema, table: t.name, name: c.name }, c.comment));
  }
  return out;
}

const NAMES = `
  SELECT n.nspname || '.' || c.relname || '.' || k.conname AS name FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('reporting', 'genomics') AND k.contype IN ('p', 'u', 'c', 'f')
  UNION ALL
  SELECT schemaname || '.' || indexname FROM pg_indexes i WHERE schemaname IN ('reporting', 'genomics')
    AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.contype IN ('p', 'u'))
  ORDER BY 1`;

const COMMENTS = `SELECT count(*)::int AS n FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('reporting', 'genomics')`;

function declaredNames(d: Declared): string[] {
  return [...d.catalog.constraints.map((c) => `${c.schema}.${c.table}.${c.name}`), ...d.catalog.indexes.map((i) => `${i.schema}.${i.name}`)].sort();
}

describe('load: the example schema is valid DDL on both engines', function () {
  this.timeout(120_000);
  let declared: Declared;
  before(async () => {
    declared = await loadSchemaDir(path.resolve(__dirname, '..', '..', '..', 'schema'));
  });

  it('PostgreSQL server: every statement runs; constraint and index names are as declared', async () => {
    const name = `sk_example_${process.pid}_${Date.now()}`;
    const admin = new Client({ connectionString: 'postgres://root@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const db = new Client({ connectionString: `postgres://root@127.0.0.1:5432/${name}` });
    try {
      await db.connect();
      for (const stmt of ddl(declared)) await db.query(stmt);
      const names = (await db.query(NAMES)).rows.map((r) => String(r.name));
      expect(names).to.deep.equal(declaredNames(declared));
      expect((await db.query(COMMENTS)).rows[0].n).to.be.greaterThan(40);
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    }
  });

  it('PGlite: every statement runs; constraint and index names are as declared', async () => {
    const db = new PGlite({ extensions: { pgcrypto } });
    try {
      for (const stmt of ddl(declared)) await db.exec(stmt);
      const names = (await db.query<{ name: string }>(NAMES)).rows.map((r) => r.name);
      expect(names).to.deep.equal(declaredNames(declared));
    } finally {
      await db.close();
    }
  });
});
