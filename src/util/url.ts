import { SchemakitError } from './errors';

/** Query parameters of a connection URL that hold secrets (libpq's `password`, `sslpassword`). */
const SECRET_PARAMS = ['password', 'sslpassword'];
const MASK = '****';

/** The URL with every secret replaced by `****`: the password in userinfo and `?password=`/`?sslpassword=`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    for (const p of SECRET_PARAMS) if (u.searchParams.has(p)) u.searchParams.set(p, MASK);
    return u.toString().replace(/%2A%2A%2A%2A/g, MASK);
  } catch {
    // Not parseable: mask whatever looks like a password anyway.
    return url.replace(/(\/\/[^/@:]*:)[^@/]*@/, `$1${MASK}@`).replace(/([?&](?:ssl)?password=)[^&#]*/gi, `$1${MASK}`);
  }
}

/** The secrets a connection URL carries, decoded and as written (userinfo password, `?password=`), longest first. */
export function urlSecrets(url: string): string[] {
  const out = new Set<string>();
  try {
    const u = new URL(url);
    if (u.password) {
      out.add(u.password);
      out.add(safeDecode(u.password));
    }
    for (const p of SECRET_PARAMS) for (const v of u.searchParams.getAll(p)) if (v) out.add(v);
  } catch {
    const m = /\/\/[^/@:]*:([^@/]*)@/.exec(url);
    if (m?.[1]) out.add(m[1]);
  }
  return [...out].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Text (a driver's or a child program's error message) with the URL's secrets and any connection URL in it
 * redacted, so that no password reaches a terminal or a log.
 */
export function redactText(text: string, url?: string | null, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/postgres(?:ql)?:\/\/[^\s'"]+/gi, (u) => redactUrl(u));
  for (const secret of [...(url ? urlSecrets(url) : []), ...secrets]) if (secret) out = out.split(secret).join(MASK);
  const env = process.env.PGPASSWORD;
  if (env) out = out.split(env).join(MASK);
  return out;
}

/** A connection URL taken apart for messages and child programs. */
export interface DatabaseUrl {
  /** The URL as given (secrets included: never print it; see `redacted`). */
  readonly url: string;
  readonly redacted: string;
  /** `host:port` (or the socket directory from `?host=`), for messages. */
  readonly endpoint: string;
  /** The password from userinfo or `?password=`, decoded; null when none. */
  readonly password: string | null;
  /** The URL without any password (for a child program that gets the password through its environment). */
  readonly withoutPassword: string;
  /** `connect_timeout` from the query, in seconds; null when absent. */
  readonly connectTimeout: number | null;
}

const badUrl = (url: string, why: string) =>
  new SchemakitError(
    'config',
    'bad-url',
    `invalid database URL ${JSON.stringify(redactUrl(url))}: ${why}; expected postgres://user[:password]@host[:port]/database (or postgresql://)`,
  );

/**
 * Checks a database URL before anything connects, with one clear message: malformed, without a scheme
 * (`localhost/db` would make the driver try a host named `base`), or another database's scheme (`mysql://`).
 */
export function parseDatabaseUrl(url: string): DatabaseUrl {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined || !url.includes('://')) throw badUrl(url, 'no scheme');
  if (scheme !== 'postgres' && scheme !== 'postgresql') throw badUrl(url, `${scheme}:// is not a PostgreSQL URL`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badUrl(url, 'malformed');
  }
  const socketHost = u.searchParams.get('host');
  if (!u.hostname && !socketHost) throw badUrl(url, 'no host');
  const rawTimeout = u.searchParams.get('connect_timeout');
  const connectTimeout = rawTimeout === null ? null : Number(rawTimeout);
  if (connectTimeout !== null && !(Number.isFinite(connectTimeout) && connectTimeout >= 0))
    throw badUrl(url, `connect_timeout=${rawTimeout} is not a number of seconds`);
  const password = u.password
    ? safeDecode(u.password)
    : (SECRET_PARAMS.slice(0, 1)
        .map((p) => u.searchParams.get(p))
        .find((v) => v) ?? null);
  const bare = new URL(url);
  bare.password = '';
  bare.searchParams.delete('password');
  return {
    url,
    redacted: redactUrl(url),
    endpoint: u.hostname ? `${u.hostname}:${u.port || '5432'}` : `${socketHost}:${u.searchParams.get('port') ?? '5432'}`,
    password,
    withoutPassword: bare.toString(),
    connectTimeout,
  };
}
