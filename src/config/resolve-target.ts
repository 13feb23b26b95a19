import { join, resolve } from 'node:path';
import { didYouMean, SchemakitError } from '../util';
import { maskUrl } from './mask-url';
import { NO_POLICY, type EnvConfig, type EnvTarget, type Policy, type ProjectConfig } from './types';

/** Which source chose the target, in precedence order. */
export type TargetSource = '--url' | '--env' | 'SCHEMAKIT_ENV' | 'DATABASE_URL' | 'defaultEnv' | 'embedded';

/** The database a command works on, why, and the policy that applies to it. */
export interface ResolvedTarget {
  readonly target: EnvTarget;
  readonly source: TargetSource;
  /** The env whose policy applies (named, default, or the one whose URL the target is), or null. */
  readonly env: EnvConfig | null;
  readonly policy: Policy;
  /** One line for stderr, password masked: `target: postgres://app:****@db:5432/app (env prod, from --env)`. */
  readonly description: string;
}

/** Options of resolveTarget. */
export interface ResolveTargetOptions {
  readonly url?: string;
  readonly env?: string;
  readonly environ?: Readonly<Record<string, string | undefined>>;
}

/** The env named `name`, or an error listing the envs (with a did-you-mean). */
export function findEnv(config: ProjectConfig, name: string): EnvConfig {
  const env = config.envs.find((e) => e.name === name);
  if (env) return env;
  const names = config.envs.map((e) => e.name);
  const where = config.file ? `in ${config.file}` : '(no schemakit.yaml found)';
  throw new SchemakitError('config', 'unknown-env', `no env "${name}" ${where}${didYouMean(name, names)}${names.length ? `; envs: ${names.join(', ')}` : ''}`);
}

/** The env's target, or its problems (unset variables…) as one error: nothing runs. */
function usable(env: EnvConfig): EnvTarget {
  if (env.fleet && env.problems.length === 0) {
    throw new SchemakitError(
      'config',
      'fleet-env',
      `env "${env.name}" is a fleet (${env.location}): this command works on one database; plan, apply, migrate up, migrate status, check, health and ping accept a fleet`,
    );
  }
  if (env.target === null || env.problems.length > 0) {
    throw new SchemakitError('config', 'bad-env', `env "${env.name}" cannot be used: ${env.problems.join('; ') || 'no target'}`, {
      problems: env.problems.map((message) => ({ code: 'bad-env', message })),
    });
  }
  return env.target;
}

/** Server, port and database of a URL, to recognise an env's database behind `--url` or DATABASE_URL. */
function databaseKey(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname.toLowerCase()}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1))}`;
  } catch {
    return null;
  }
}

/** The env whose server database is `url`: its policy applies even when the URL is given directly. */
function envOfUrl(config: ProjectConfig, url: string): EnvConfig | null {
  const key = databaseKey(url);
  return config.envs.find((e) => e.target?.kind === 'postgres' && key !== null && databaseKey(e.target.url) === key) ?? null;
}

/** The env whose embedded data directory is `dir`: its policy applies to `--url pglite:DIR` too. */
function envOfDir(config: ProjectConfig, dir: string): EnvConfig | null {
  return config.envs.find((e) => e.target?.kind === 'pglite' && resolve(e.target.dir) === dir) ?? null;
}

/** Describes a target for messages, password masked. */
export function describeTarget(t: EnvTarget): string {
  return t.kind === 'postgres' ? maskUrl(t.url) : `embedded database ${t.dir}`;
}

/**
 * Chooses the database: `--url` > `--env` > `SCHEMAKIT_ENV` > `DATABASE_URL` > the config's `defaultEnv` >
 * the embedded engine (`.schemakit/pglite` at the project root). A URL given directly still gets the
 * policy of the env that names the same database, or of `--env` when both are given: policies cannot be
 * bypassed by spelling the URL out.
 */
export function resolveTarget(config: ProjectConfig, options: ResolveTargetOptions = {}): ResolvedTarget {
  const environ = options.environ ?? process.env;
  const make = (target: EnvTarget, source: TargetSource, env: EnvConfig | null): ResolvedTarget => ({
    target,
    source,
    env,
    policy: env?.policy ?? NO_POLICY,
    description: `target: ${describeTarget(target)}${env ? ` (env ${env.name}, from ${source})` : ` (from ${source})`}`,
  });
  const named = options.env
    ? { name: options.env, source: '--env' as const }
    : environ.SCHEMAKIT_ENV
      ? { name: environ.SCHEMAKIT_ENV, source: 'SCHEMAKIT_ENV' as const }
      : null;
  if (options.url?.startsWith('pglite:')) {
    // An embedded data directory, relative to the working directory as a command-line path is.
    const dir = resolve(options.url.slice('pglite:'.length) || '.');
    return make({ kind: 'pglite', dir }, '--url', named ? findEnv(config, named.name) : envOfDir(config, dir));
  }
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url))
      throw new SchemakitError('config', 'bad-url', `--url must be postgres://user:password@host:port/database or pglite:DIR, not "${maskUrl(options.url)}"`);
    return make({ kind: 'postgres', url: options.url }, '--url', named ? findEnv(config, named.name) : envOfUrl(config, options.url));
  }
  if (named) {
    const env = findEnv(config, named.name);
    return make(usable(env), named.source, env);
  }
  if (environ.DATABASE_URL) return make({ kind: 'postgres', url: environ.DATABASE_URL }, 'DATABASE_URL', envOfUrl(config, environ.DATABASE_URL));
  if (config.defaultEnv) {
    const env = findEnv(config, config.defaultEnv);
    return make(usable(env), 'defaultEnv', env);
  }
  return make({ kind: 'pglite', dir: join(config.root, '.schemakit', 'pglite') }, 'embedded', null);
}
