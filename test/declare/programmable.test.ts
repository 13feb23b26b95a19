import { expect } from 'chai';
import {
  c,
  collectDeclarations,
  eventTrigger,
  func,
  index,
  materializedView,
  procedure,
  schema,
  sql,
  table,
  trigger,
  validateDeclared,
  view,
} from '../../src/declare';
import { present } from '../support/present';

describe('declare: views, routines and triggers → model', () => {
  const s = schema('app');
  const touch = func(s, 'touch', { returns: 'trigger', language: 'plpgsql', body: 'BEGIN RETURN NEW; END', comment: 'stamps', renamedFrom: 'old_touch' });
  const users = table(s, 'users', { columns: { id: c.integer().primaryKey(), name: c.text(), active: c.boolean() } });
  const active = view(s, 'active', { as: sql`SELECT id, name FROM ${users} WHERE active`, securityBarrier: true, checkOption: 'local', renamedFrom: 'live' });
  const names = materializedView(s, 'names', { as: sql`SELECT name FROM ${active}`, withData: false, indexes: [index('names_name').on(sql`name`)] });
  const add = func('public', 'add', {
    args: [
      { name: 'a', type: 'integer' },
      { name: 'b', type: 'integer', default: sql`1` },
      { name: 'r', type: 'integer', mode: 'out' },
    ],
    returns: 'integer',
    language: 'sql',
    volatility: 'immutable',
    strict: true,
    parallel: 'safe',
    cost: 5,
    set: { search_path: ['pg_catalog', 'public'] },
    body: 'SELECT a + b',
  });
  const proc = procedure('public', 'noop', { language: 'plpgsql', body: 'BEGIN END', securityDefiner: true });
  const tr = trigger(users, 'users_touch', {
    timing: 'before',
    events: ['update', 'insert'],
    updateOf: [users.columns.name],
    forEach: 'row',
    when: sql`OLD.name IS DISTINCT FROM NEW.name`,
    function: touch,
    args: ['x'],
    renamedFrom: 't1',
  });
  const ev = eventTrigger('log', { event: 'ddl_command_end', tags: ['DROP TABLE', 'CREATE TABLE'], function: touch, enabled: 'D' });
  // Only the trigger and the views are exported: the table, schema and function are reachable from them.
  const declared = collectDeclarations([{ tr, names, add, proc, ev }]);
  const cat = declared.catalog;

  it('views: query text, options, what they read; materialized views with their indexes', () => {
    expect(cat.views.map((v) => [v.name, v.materialized, v.definition, v.securityBarrier, v.checkOption, v.withData])).to.deep.equal([
      ['active', false, 'SELECT id, name FROM app.users WHERE active', true, 'local', true],
      ['names', true, 'SELECT name FROM app.active', false, null, false],
    ]);
    expect(present(cat.views[1]).dependsOn).to.deep.equal([{ kind: 'relation', schema: 'app', name: 'active' }]);
    expect(cat.indexes.map((i) => `${i.schema}.${i.table}.${i.name}`)).to.deep.equal(['app.names.names_name']);
    expect(cat.tables.map((t) => t.name)).to.deep.equal(['users']);
  });

  it('routines: argument list, identity, attributes, settings', () => {
    const a = cat.routines.find((r) => r.name === 'add')!;
    expect([a.args, a.identityArgs, a.returns, a.volatility, a.strict, a.parallel, a.cost, a.config]).to.deep.equal([
      'a integer, b integer DEFAULT 1, OUT r integer',
      'integer, integer',
      'integer',
      'immutable',
      true,
      'safe',
      5,
      ['search_path=pg_catalog, public'],
    ]);
    const p = cat.routines.find((r) => r.name === 'noop')!;
    expect([p.procedure, p.returns, p.securityDefiner, p.cost]).to.deep.equal([true, null, true, 100]);
    expect(cat.routines.find((r) => r.name === 'touch')!.comment).to.equal('stamps');
  });

  it('triggers and event triggers, in canonical event order', () => {
    expect(cat.triggers).to.have.length(1);
    const t = present(cat.triggers[0]);
    expect([t.schema, t.table, t.events, t.updateOf, t.forEachRow, t.when, t.functionSchema, t.functionName, t.args]).to.deep.equal([
      'app',
      'users',
      ['insert', 'update'],
      ['name'],
      true,
      'OLD.name IS DISTINCT FROM NEW.name',
      'app',
      'touch',
      ['x'],
    ]);
    expect(cat.eventTriggers.map((e) => [e.name, e.tags, e.enabled])).to.deep.equal([['log', ['CREATE TABLE', 'DROP TABLE'], 'D']]);
  });

  it('rename intents and locations', () => {
    expect(declared.renames.views).to.deep.equal([{ schema: 'app', from: 'live', to: 'active' }]);
    expect(declared.renames.routines).to.deep.equal([{ schema: 'app', identityArgs: '', from: 'old_touch', to: 'touch' }]);
    expect(declared.renames.triggers).to.deep.equal([{ schema: 'app', table: 'users', from: 't1', to: 'users_touch' }]);
    expect(declared.locations.get('app.users.users_touch')).to.match(/programmable\.test\.(ts|js):\d+$/);
    expect(declared.locations.get('app.active')).to.match(/programmable\.test\.(ts|js):\d+$/);
  });

  it('views and routines in undeclared schemas are reported', () => {
    const v = view('nowhere', 'v', { as: 'SELECT 1' });
    const f = func('nowhere', 'f', { returns: 'integer', language: 'sql', body: 'SELECT 1' });
    const problems = validateDeclared(collectDeclarations([{ v, f }]));
    expect(
      problems
        .filter((p) => p.code === 'undeclared-schema')
        .map((p) => p.object)
        .sort(),
    ).to.deep.equal(['nowhere.f', 'nowhere.v']);
  });
});
