import { expect } from 'chai';
import { createTempDatabase, defaultAdminUrl, queryRow } from '../../src/db';

// Postgres only: PGlite has one database per instance and no CREATE DATABASE.
describe('temporary databases (postgres)', function () {
  this.timeout(120_000);
  it('quote the database name in CREATE and DROP DATABASE (a name with capitals, a space and a quote)', async () => {
    const temp = await createTempDatabase(defaultAdminUrl(), 'Schemakit Odd"Name');
    try {
      const row = await queryRow<{ name: string }>(temp.db, 'SELECT current_database() AS name');
      expect(row.name)
        .to.equal(temp.name)
        .and.match(/^Schemakit Odd"Name_/);
    } finally {
      await temp.dispose();
    }
  });
});
