import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * `pg_dump --schema-only --no-owner` of a server database without its dump-time noise: comment and blank
 * lines, the `\restrict` guards, and the order of the column lines inside each CREATE TABLE (ADD COLUMN appends,
 * and Postgres cannot reorder columns, so a converged table may list the same columns in another order), and
 * the order inside each run of GRANT / REVOKE lines: pg_dump prints an object's ACL entries in the order they sit
 * in the ACL, which tells how the privileges were given (a REVOKE that removed an entry, GRANTs that appended),
 * not what they are.
 */
export async function schemaDump(url: string): Promise<string> {
  const { stdout } = await execFileAsync('pg_dump', ['--schema-only', '--no-owner', '-d', url], { maxBuffer: 1 << 28 });
  const lines = stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('--') && !l.startsWith('\\restrict') && !l.startsWith('\\unrestrict'));
  const out: string[] = [];
  let acl: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(GRANT|REVOKE) /.test(line)) {
      acl.push(line);
      continue;
    }
    out.push(...acl.sort(), line);
    acl = [];
    if (!/^CREATE (UNLOGGED )?TABLE .*\($/.test(line)) continue;
    const body: string[] = [];
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith(')')) body.push(lines[++i]!.replace(/,$/, ''));
    out.push(...body.sort());
  }
  out.push(...acl.sort());
  return out.join('\n');
}
