import { parseDatabaseUrl } from '../util';
import { connectTimeoutOf } from './postgres';

/**
 * How a child program (pg_dump, pg_restore) connects without the password on its command line, where
 * every local user sees it in `ps`: `--dbname` without the password, which goes into the child's
 * environment (PGPASSWORD) instead; PGCONNECT_TIMEOUT carries the connect timeout.
 */
export function childConnection(url: string): { readonly dbname: string; readonly env: NodeJS.ProcessEnv } {
  const parsed = parseDatabaseUrl(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: String(connectTimeoutOf(parsed)) };
  if (parsed.password !== null) env.PGPASSWORD = parsed.password;
  return { dbname: `--dbname=${parsed.withoutPassword}`, env };
}
