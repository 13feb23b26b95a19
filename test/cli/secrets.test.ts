import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectPostgres, connectTimeoutOf, createTempDatabase, type TempDatabase } from '../../src/db';
import { takeBackup } from '../../src/backup';
import { parseDatabaseUrl, redactText, redactUrl, SchemakitError } from '../../src/util';
import { expectExit } from './cli-target';
import { describeRun, makeProject, runCli, type Project } from './run-cli';
import { shop } from './schemas';

/** Issue 10 items 7, 8, 9 and 15: passwords never printed nor on a child's command line; timeouts; URL checks. */
const USER_PW = 'pwUserS3cret';
const QUERY_PW = 'pwQueryS3cret';

describe('secrets, connect timeouts and URL validation', function () {
  this.timeout(300_000);

  describe('redactUrl / redactText (one function for every layer)', () => {
    it('masks the userinfo password and ?password=, keeps the rest', () => {
      expect(redactUrl(`postgres://bob:${USER_PW}@db.example:6432/app?sslmode=require&password=${QUERY_PW}`)).to.equal(
        'postgres://bob:****@db.example:6432/app?sslmode=require&password=****',
      );
      expect(redactUrl(`postgres://bob:${USER_PW}@[bad/app`)).not.to.contain(USER_PW);
      expect(redactText(`failed for postgres://bob:${USER_PW}@h/db and ${QUERY_PW}`, `postgres://h/db?password=${QUERY_PW}`)).to.equal(
        'failed for postgres://bob:****@h/db and ****',
      );
    });
  });

  describe('the command line of pg_dump / pg_restore', () => {
    let bin: string;
    before(() => {
      bin = mkdtempSync(join(tmpdir(), 'schemakit-fake-bin-'));
      // A stand-in pg_dump that records what `ps` would show (its argv) and whether it got PGPASSWORD.
      writeFileSync(join(bin, 'pg_dump'), `#!/bin/sh\necho "$@" > "${bin}/argv"\necho "pw=$PGPASSWORD" > "${bin}/env"\nexit 1\n`);
      chmodSync(join(bin, 'pg_dump'), 0o755);
    });
    after(() => rmSync(bin, { recursive: true, force: true }));

    for (const url of [`postgres://root:${USER_PW}@127.0.0.1:5432/postgres`, `postgres://root@127.0.0.1:5432/postgres?password=${QUERY_PW}`]) {
      it(`never passes the password as an argument (${redactUrl(url)})`, async () => {
        const db = await connectPostgres(url);
        const path = process.env.PATH;
        process.env.PATH = `${bin}:${path}`;
        try {
          const err = await takeBackup(db, join(bin, 'out')).then(
            () => null,
            (e: Error) => e,
          );
          expect(err).to.be.instanceOf(SchemakitError);
        } finally {
          process.env.PATH = path;
          await db.close();
        }
        const argv = readFileSync(join(bin, 'argv'), 'utf8');
        expect(argv).to.contain('--dbname=postgres://root@127.0.0.1:5432/postgres');
        expect(argv).not.to.contain(USER_PW);
        expect(argv).not.to.contain(QUERY_PW);
        expect(readFileSync(join(bin, 'env'), 'utf8').trim()).to.equal(`pw=${url.includes(USER_PW) ? USER_PW : QUERY_PW}`);
      });
    }
  });

  describe('connect timeout', () => {
    let server: Server;
    let port: number;
    const sockets: Socket[] = [];
    before(async () => {
      // Accepts TCP connections and never answers.
      server = createServer((s) => void sockets.push(s));
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      port = (server.address() as { port: number }).port;
    });
    after(
      () =>
        new Promise<void>((done) => {
          sockets.forEach((s) => s.destroy());
          server.close(() => done());
        }),
    );

    it('defaults to 10 s, honours connect_timeout in the URL and SCHEMAKIT_CONNECT_TIMEOUT', () => {
      const saved = process.env.SCHEMAKIT_CONNECT_TIMEOUT;
      delete process.env.SCHEMAKIT_CONNECT_TIMEOUT;
      try {
        expect(connectTimeoutOf(parseDatabaseUrl('postgres://h/db'))).to.equal(10);
        expect(connectTimeoutOf(parseDatabaseUrl('postgres://h/db?connect_timeout=3'))).to.equal(3);
        process.env.SCHEMAKIT_CONNECT_TIMEOUT = '4';
        expect(connectTimeoutOf(parseDatabaseUrl('postgres://h/db'))).to.equal(4);
      } finally {
        if (saved === undefined) delete process.env.SCHEMAKIT_CONNECT_TIMEOUT;
        else process.env.SCHEMAKIT_CONNECT_TIMEOUT = saved;
      }
    });

    it('a server that never answers fails after connect_timeout, naming host and port', async () => {
      const started = Date.now();
      const err = await connectPostgres(`postgres://root:${USER_PW}@127.0.0.1:${port}/db?connect_timeout=1`).then(
        () => null,
        (e: Error) => e,
      );
      expect(err).to.be.instanceOf(SchemakitError);
      expect((err as SchemakitError).code).to.equal('connect-timeout');
      expect(err!.message).to.contain(`127.0.0.1:${port}`);
      expect(err!.message).to.contain('no answer within 1 s');
      expect(err!.message).not.to.contain(USER_PW);
      expect(Date.now() - started).to.be.below(8000);
    });

    it('the CLI takes --connect-timeout and exits 1 with the message', async () => {
      const project = makeProject(shop);
      try {
        const r = await runCli(['plan', '--url', `postgres://root:${USER_PW}@127.0.0.1:${port}/db`, '--connect-timeout', '1'], {
          cwd: project.dir,
          timeoutMs: 60_000,
        });
        expectExit(r, 1);
        expect(r.stderr).to.contain(`cannot connect to 127.0.0.1:${port}`);
        expect(r.stderr + r.stdout).not.to.contain(USER_PW);
      } finally {
        project.remove();
      }
    });
  });

  describe('URL validation', () => {
    let project: Project;
    before(() => (project = makeProject(shop)));
    after(() => project.remove());

    for (const [url, why] of [
      ['not a url', 'no scheme'],
      ['localhost/mydb', 'no scheme'],
      ['mysql://root@127.0.0.1/db', 'mysql:// is not a PostgreSQL URL'],
      [`postgres://root:${USER_PW}@[::1/db`, 'malformed'],
    ] as const) {
      it(`--url ${JSON.stringify(url)}: one clear message (${why}), no stack, nothing opened`, async () => {
        const r = await runCli(['plan', '--url', url], { cwd: project.dir });
        expectExit(r, 1);
        expect(r.stdout).to.equal('');
        expect(r.stderr).to.contain('invalid database URL');
        expect(r.stderr).to.contain(why);
        expect(r.stderr, describeRun(r)).not.to.match(/^\s+at /m);
        expect(r.stderr).not.to.contain(USER_PW);
      });
    }
  });

  describe('no command prints a password', () => {
    let temp: TempDatabase;
    let project: Project;
    before(async () => {
      temp = await createTempDatabase(undefined, 'schemakit_cli');
      project = makeProject(shop);
    });
    after(async () => {
      await temp.dispose();
      project.remove();
    });

    it('plan, apply, diff, generate, migrate, lint, docs, pull, restore and failed connections', async () => {
      const base = `postgres://root:${USER_PW}@127.0.0.1:5432/${temp.name}?password=${QUERY_PW}`;
      const wrongDb = `postgres://root:${USER_PW}@127.0.0.1:5432/no_such_db_here?password=${QUERY_PW}`;
      const refused = `postgres://root:${USER_PW}@127.0.0.1:1/db?password=${QUERY_PW}`;
      const runs: [string[], Record<string, string>?][] = [
        [['plan', '--url', base]],
        [['apply', '--yes', '--url', base, '--backup', join(project.dir, 'backups')]],
        [['plan', '--json'], { DATABASE_URL: base }],
        [['diff', '--from', base, '--to', 'schema']],
        [['generate', 'init', '--url', base, '--dev-url', base]],
        [['migrate', 'status', '--url', base]],
        [['migrate', 'check', '--url', base]],
        [['lint', '--url', base]],
        [['docs', '--url', base, '--out', join(project.dir, 'docs')]],
        [['pull', '--url', base, '--out', join(project.dir, 'pulled')]],
        [['plan', '--url', wrongDb]],
        [['plan', '--url', refused]],
        [['migrate', 'up', '--url', refused]],
        [['restore', join(project.dir, 'no-such.dump'), '--yes', '--url', base]],
        [['plan', `--url=${base}`, '--no-such-flag']],
      ];
      for (const [args, env] of runs) {
        const r = await runCli(args, { cwd: project.dir, env });
        const all = r.stdout + r.stderr;
        expect(all, `${args.join(' ')}\n${describeRun(r)}`).not.to.contain(USER_PW);
        expect(all, `${args.join(' ')}\n${describeRun(r)}`).not.to.contain(QUERY_PW);
        expect(r.stderr, `${args.join(' ')}\n${describeRun(r)}`).not.to.match(/^\s+at /m);
      }
      const plan = await runCli(['plan', '--url', base], { cwd: project.dir });
      expect(plan.stdout).to.contain(`target: postgres://root:****@127.0.0.1:5432/${temp.name}?password=****`);
    });
  });
});
