import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { present } from './present';

const BIN = process.env.SCHEMAKIT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A throw-away PostgreSQL cluster in a temp dir on its own port (trust auth, superuser root). */
export interface Cluster {
  readonly port: number;
  readonly url: (database: string) => string;
  stop(): void;
}

const execAsync = promisify(execFile);

/**
 * initdb + pg_ctl start into a temp directory. initdb refuses to run as root, so when the tests run as
 * root the cluster is made and run as the `postgres` OS user (runuser); its superuser role is `root`.
 * Asynchronous, so a suite can create its local databases while the cluster starts.
 */
export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'schemakit-cluster-'));
  const port = 5500 + Math.floor(Math.random() * 400);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(BIN, cmd), args, { stdio: 'pipe' });
  if (asRoot) {
    const [uid, gid] = execFileSync('id', ['-u', 'postgres'])
      .toString()
      .trim()
      .split('\n')
      .map(Number)
      .concat(Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    chownSync(dir, present(uid, 'the postgres uid'), present(gid, 'a group'));
  }
  const data = join(dir, 'data');
  const runAsync = (cmd: string, args: string[]) =>
    asRoot ? execAsync('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]) : execAsync(join(BIN, cmd), args);
  await runAsync('initdb', ['-D', data, '-U', 'root', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await runAsync('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`,
    'start',
  ]);
  return {
    port,
    url: (database) => `postgres://root@127.0.0.1:${port}/${database}`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
