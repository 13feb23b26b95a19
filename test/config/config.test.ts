import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enforcePolicy, requiredBackupDir, interpolate, loadConfig, maskUrl, parseConfig, resolveTarget, type ProjectConfig } from '../../src/config';
import { hazardKinds } from '../../src/plan';
import { defaultThresholds } from '../../src/health';
import { SchemakitError } from '../../src/util';
import { present } from '../support/present';

/** schemakit.yaml parsing, validation, interpolation, target precedence and policies (no database needed). */
describe('config', () => {
  const file = join(tmpdir(), 'schemakit-config-test', 'schemakit.yaml');
  const parse = (text: string, environ: Record<string, string> = {}) =>
    parseConfig(text, file, { environ, hazardKinds, healthThresholds: Object.keys(defaultThresholds) });
  const error = (fn: () => unknown): SchemakitError => {
    try {
      fn();
    } catch (e) {
      expect(e).to.be.instanceOf(SchemakitError);
      return e as SchemakitError;
    }
    throw new Error('expected an error');
  };

  const yaml = `
defaultEnv: dev
dev: postgres://root@127.0.0.1:5432/postgres
paths:
  schema: db/schema
  migrations: db/migrations
envs:
  dev:
    url: embedded
  test:
    url: \${TEST_URL:-postgres://app:secret@127.0.0.1:5432/app_test}
  prod:
    host: db.internal
    database: app
    user: app
    password: \${PROD_PASSWORD}
    schemas: [public, billing]
    policy:
      protected: true
      requireBackup: backups
      allowHazards: [index-build]
      migrationsOnly: true
      online: true
`;

  it('interpolates ${VAR} and ${VAR:-default}; $$ is a literal $', () => {
    expect(interpolate('a${X}b${Y:-dflt}c$$d', { X: '1' })).to.deep.equal({ value: 'a1bdfltc$d', unset: [], malformed: false });
    expect(interpolate('${Y:-dflt}', { Y: 'set' }).value).to.equal('set');
    expect(interpolate('${NOPE}', {}).unset).to.deep.equal(['NOPE']);
    expect(interpolate('${1X}', {}).malformed).to.equal(true);
  });

  it('reads paths relative to the file, dev, envs, url fields and policies', () => {
    const c = parse(yaml, { PROD_PASSWORD: 'p@ss' });
    expect(c.paths.schema).to.equal(join(tmpdir(), 'schemakit-config-test', 'db', 'schema'));
    expect(c.paths.migrations).to.equal(join(tmpdir(), 'schemakit-config-test', 'db', 'migrations'));
    expect(c.dev).to.deep.equal({ kind: 'postgres', url: 'postgres://root@127.0.0.1:5432/postgres' });
    const prod = c.envs.find((e) => e.name === 'prod')!;
    expect(prod.target).to.deep.equal({ kind: 'postgres', url: 'postgres://app:p%40ss@db.internal/app' });
    expect(prod.schemas).to.deep.equal(['public', 'billing']);
    expect(prod.policy).to.deep.equal({
      protected: true,
      requireBackup: join(tmpdir(), 'schemakit-config-test', 'backups'),
      backupBefore: ['apply', 'migrate-up', 'migrate-down'],
      backupKeep: null,
      allowHazards: ['index-build'],
      migrationsOnly: true,
      online: true,
    });
    expect(prod.location).to.match(/schemakit\.yaml:12$/);
    expect(c.envs.find((e) => e.name === 'test')!.target).to.deep.equal({ kind: 'postgres', url: 'postgres://app:secret@127.0.0.1:5432/app_test' });
  });

  it('an unset variable without default is an error naming the variable, the key and the line, when that env is used', () => {
    const c = parse(yaml);
    expect(resolveTarget(c, { env: 'test', environ: {} }).target.kind).to.equal('postgres'); // other envs still work
    const e = error(() => resolveTarget(c, { env: 'prod', environ: {} }));
    expect(e.code).to.equal('bad-env');
    expect(e.message).to.match(/schemakit\.yaml:16: envs\.prod\.password: environment variable PROD_PASSWORD is not set/);
  });

  it('an unset variable in a top-level key stops everything', () => {
    const e = error(() => parse('dev: ${DEV_URL}\n'));
    expect(e.message).to.match(/schemakit\.yaml:1: dev: environment variable DEV_URL is not set/);
  });

  it('malformed YAML is one error with the line', () => {
    const e = error(() => parse('envs:\n  dev:\n    url: [unclosed\n'));
    expect(e.code).to.equal('malformed-config');
    expect(e.message).to.match(/schemakit\.yaml:\d+: not valid YAML/);
  });

  it('unknown keys are named with their line and a did-you-mean; every problem is reported at once', () => {
    const e = error(() =>
      parse('pahts:\n  schema: s\nenvs:\n  prod:\n    url: embedded\n    policy:\n      protcted: true\n      allowHazards: [index-bild]\n'),
    );
    expect(e.message).to.match(/^config: 1 problem\(s\)|^config: \d+ problem\(s\)/);
    const lines = e.problems.map((p) => `${p.location}: ${p.object}: ${p.message}`);
    expect(
      lines.some((l) => /schemakit\.yaml:1: pahts: unknown key \(did you mean "paths"\?\)/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
    expect(
      lines.some((l) => /schemakit\.yaml:7: envs\.prod\.policy\.protcted: unknown key \(did you mean "protected"\?\)/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
  });

  it('health: takes the threshold names (camelCase or as the flags spell them); bad ones are key:line errors', () => {
    const c = parse('health:\n  bloatPct: 50\n  dead-tuples: 10\n  vacuumDays: ${VDAYS:-3}\n', {});
    expect(c.health).to.deep.equal({ bloatPct: 50, deadTuples: 10, vacuumDays: 3 });
    const e = error(() => parse('health:\n  bloatPc: 50\n  seqScans: -1\n  topQueries: many\n'));
    const lines = e.problems.map((p) => `${p.location}: ${p.object}: ${p.message}`);
    expect(
      lines.some((l) => /schemakit\.yaml:2: health\.bloatPc: unknown key \(did you mean "bloatPct"\?\)/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
    expect(
      lines.some((l) => /schemakit\.yaml:3: health\.seqScans: must be a non-negative number/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
    expect(
      lines.some((l) => /schemakit\.yaml:4: health\.topQueries: must be a non-negative number, not "many"/.test(l)),
      lines.join('\n'),
    ).to.equal(true);
    expect(parse('envs: {}\n').health).to.deep.equal({});
  });

  it('docs: takes areas (name → table patterns) and diagram limits; bad ones are key:line errors', () => {
    const c = parse('docs:\n  areas:\n    Billing: [billing.*, public.invoice*]\n    People: [users]\n  maxDiagramChars: 30000\n  maxDiagramTables: 25\n');
    expect(c.docs).to.deep.equal({
      areas: [
        { name: 'Billing', tables: ['billing.*', 'public.invoice*'] },
        { name: 'People', tables: ['users'] },
      ],
      maxDiagramChars: 30000,
      maxDiagramTables: 25,
    });
    const e = error(() => parse('docs:\n  areas:\n    Billing: billing.*\n    Empty: []\n  maxDiagramChars: 0\n  maxDiagramTabels: 3\n'));
    const lines = e.problems.map((p) => `${p.location}: ${p.object}: ${p.message}`);
    for (const re of [
      /:3: docs\.areas\.Billing: must be a list/,
      /:4: docs\.areas\.Empty: must list at least one table pattern/,
      /:5: docs\.maxDiagramChars: must be a whole number ≥ 1/,
      /:6: docs\.maxDiagramTabels: unknown key \(did you mean "maxDiagramTables"\?\)/,
    ]) {
      expect(
        lines.some((l) => re.test(l)),
        `${re}\n${lines.join('\n')}`,
      ).to.equal(true);
    }
    expect(parse('envs: {}\n').docs).to.equal(undefined);
  });

  it("an env's seed: names a seed folder; a path is a key:line error", () => {
    expect(present(parse('envs:\n  dev:\n    url: embedded\n    seed: demo\n').envs[0]).seed).to.equal('demo');
    expect(present(parse('envs:\n  dev:\n    url: embedded\n').envs[0]).seed).to.equal(null);
    const e = error(() => parse('envs:\n  dev:\n    url: embedded\n    seed: ../etc\n'));
    expect(e.problems.map((p) => `${p.location}: ${p.object}: ${p.message}`).join('\n')).to.match(
      /schemakit\.yaml:4: envs\.dev\.seed: must name a folder of data\/seeds/,
    );
  });

  it('an unknown hazard in allowHazards is refused when the env is used, with a did-you-mean', () => {
    const c = parse('envs:\n  prod:\n    url: embedded\n    policy:\n      allowHazards: [index-bild]\n');
    expect(() => resolveTarget(c, { env: 'prod', environ: {} })).to.throw(/unknown hazard "index-bild" \(did you mean "index-build"\?\)/);
  });

  it('requireBackup as a mapping: dir, before (migrate: up and down) and keep; bad values are key:line errors when the env is used', () => {
    const c = parse('envs:\n  prod:\n    url: embedded\n    policy:\n      requireBackup:\n        dir: bk/prod\n        before: [migrate]\n        keep: 3\n');
    const prod = resolveTarget(c, { env: 'prod', environ: {} });
    expect(prod.policy).to.include({ requireBackup: join(tmpdir(), 'schemakit-config-test', 'bk', 'prod'), backupKeep: 3 });
    expect(prod.policy.backupBefore).to.deep.equal(['migrate-up', 'migrate-down']);
    expect(requiredBackupDir(prod, 'apply')).to.equal(null);
    expect(requiredBackupDir(prod, 'migrate-up')).to.equal(prod.policy.requireBackup);
    const dflt = resolveTarget(parse('envs:\n  prod:\n    url: embedded\n    policy:\n      requireBackup: { keep: 2 }\n'), { env: 'prod', environ: {} });
    expect(dflt.policy).to.deep.include({
      requireBackup: join(tmpdir(), 'schemakit-config-test', '.schemakit', 'backups'),
      backupKeep: 2,
      backupBefore: ['apply', 'migrate-up', 'migrate-down'],
    });
    const bad = parse('envs:\n  prod:\n    url: embedded\n    policy:\n      requireBackup:\n        before: [aply]\n        keep: 0\n');
    expect(() => resolveTarget(bad, { env: 'prod', environ: {} })).to.throw(
      /schemakit\.yaml:6: envs\.prod\.policy\.requireBackup\.before: unknown command "aply" \(did you mean "apply"\?\).*:7: envs\.prod\.policy\.requireBackup\.keep: must be a whole number/,
    );
    expect(() => parse('envs:\n  prod:\n    url: embedded\n    policy:\n      requireBackup:\n        kept: 1\n')).to.throw(
      /schemakit\.yaml:6: envs\.prod\.policy\.requireBackup\.kept: unknown key \(did you mean "keep"\?\)/,
    );
  });

  it('an env without url or host, and an unknown env, are errors', () => {
    expect(() => parse('envs:\n  x:\n    schemas: [a]\n')).to.throw(/schemakit\.yaml:2: envs\.x: needs a url/);
    expect(() => resolveTarget(parse(yaml, { PROD_PASSWORD: 'x' }), { env: 'prd', environ: {} })).to.throw(/no env "prd" .*\(did you mean "prod"\?\)/);
    expect(() => parse('defaultEnv: nope\nenvs:\n  dev:\n    url: embedded\n')).to.throw(/defaultEnv: no env named "nope"/);
  });

  it('precedence: --url > --env > SCHEMAKIT_ENV > DATABASE_URL > defaultEnv > embedded', () => {
    const c = parse(yaml, { PROD_PASSWORD: 'x' });
    const env = { SCHEMAKIT_ENV: 'test', DATABASE_URL: 'postgres://u@h:5432/from_env' };
    const src = (o: { url?: string; env?: string }, environ: Record<string, string>) => resolveTarget(c, { ...o, environ });
    expect(src({ url: 'postgres://u@h/flag', env: 'prod' }, env).source).to.equal('--url');
    expect(src({ env: 'prod' }, env).env?.name).to.equal('prod');
    expect(src({}, env)).to.include({ source: 'SCHEMAKIT_ENV' });
    expect(src({}, { DATABASE_URL: env.DATABASE_URL }).target).to.deep.equal({ kind: 'postgres', url: env.DATABASE_URL });
    expect(src({}, {})).to.include({ source: 'defaultEnv' });
    expect(src({}, {}).target).to.deep.equal({ kind: 'pglite', dir: join(tmpdir(), 'schemakit-config-test', '.schemakit', 'pglite') });
    const bare = parseConfig('', file, { environ: {} });
    expect(resolveTarget(bare, { environ: {} }).source).to.equal('embedded');
  });

  it('a URL given directly gets the policy of the env naming the same database', () => {
    const c = parse(yaml, { PROD_PASSWORD: 'x' });
    const t = resolveTarget(c, { url: 'postgres://other:pw@db.internal:5432/app', environ: {} });
    expect(t.env?.name).to.equal('prod');
    expect(() => enforcePolicy(t, 'reset', 'db reset')).to.throw(/db reset refused on env "prod": policy protected: true/);
  });

  it('each policy refuses what it forbids, naming the env and the policy', () => {
    const c = parse(yaml, { PROD_PASSWORD: 'x' });
    const prod = resolveTarget(c, { env: 'prod', environ: {} });
    for (const action of ['reset', 'drop', 'restore'] as const)
      expect(() => enforcePolicy(prod, action, action)).to.throw(/refused on env "prod": policy protected: true/);
    expect(() => enforcePolicy(prod, 'apply', 'apply')).to.throw(/apply refused on env "prod": policy migrationsOnly: true/);
    expect(() => enforcePolicy(prod, 'migrate-up', 'migrate up')).not.to.throw();
    const dev = resolveTarget(c, { env: 'dev', environ: {} });
    expect(() => enforcePolicy(dev, 'reset', 'db reset')).not.to.throw();
  });

  it('the target line masks the password', () => {
    expect(maskUrl('postgres://app:s3cret@db.internal:5432/app')).to.equal('postgres://app:****@db.internal:5432/app');
    expect(maskUrl('postgres://app@db/app?password=s3cret')).to.equal('postgres://app@db/app?password=****');
    const c: ProjectConfig = parse(yaml, { PROD_PASSWORD: 's3cret' });
    const t = resolveTarget(c, { env: 'prod', environ: {} });
    expect(t.description).to.equal('target: postgres://app:****@db.internal/app (env prod, from --env)');
    expect(t.description).not.to.include('s3cret');
  });

  it('loadConfig finds schemakit.yaml in a parent directory; --config names a file that must exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemakit-config-'));
    try {
      writeFileSync(join(dir, 'schemakit.yaml'), 'paths:\n  schema: decl\n');
      const sub = join(dir, 'a');
      mkdirSync(sub);
      expect(loadConfig({ cwd: sub }).paths.schema).to.equal(join(dir, 'decl'));
      expect(() => loadConfig({ cwd: sub, file: 'missing.yaml' })).to.throw(/no such configuration file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
