import type { Command } from 'commander';
import type { EnvConfig } from '../config';
import type { Outcome } from './commands';
import { projectConfig } from './project-config';

/** The commands that accept a fleet env. */
export type FleetCommandKind = 'plan' | 'apply' | 'migrate-up' | 'migrate-status' | 'ping' | 'check' | 'health';

/** Adds `--parallel`, `--canary` and `--stop-on-error`, used when `--env` names a fleet. */
export function withFleetOptions(c: Command, kind: FleetCommandKind): Command {
  c.option('--parallel <n>', 'fleet env: targets at once, one connection each (default: parallel of the env, else 4)');
  if (kind === 'apply' || kind === 'migrate-up') {
    c.option('--canary <n>', 'fleet env: run N targets first; the rest only if all of them succeed').option(
      '--stop-on-error',
      'fleet env: start no new target after a failure (default: continue)',
    );
  }
  return c;
}

/**
 * Runs the fleet version of a command when its env (`--env`, SCHEMAKIT_ENV or defaultEnv) is a fleet,
 * else `single`. Loaded lazily: the fleet module is imported only when the env is a fleet.
 */
export async function fleetOr(kind: FleetCommandKind, opts: Record<string, unknown>, single: () => Promise<Outcome>): Promise<Outcome> {
  const env = fleetEnvOf(opts);
  if (!env) return single();
  const { runFleetCommand } = await import('./fleet-command');
  return runFleetCommand(kind, env, opts);
}

/** The fleet env the options select (`--env`, else SCHEMAKIT_ENV, else defaultEnv unless a URL is given), or null. */
export function fleetEnvOf(opts: { env?: unknown; url?: unknown; config?: unknown }): EnvConfig | null {
  if (opts.url) return null;
  const config = projectConfig({ config: opts.config as string | undefined });
  const name = (opts.env as string | undefined) ?? process.env.SCHEMAKIT_ENV ?? (process.env.DATABASE_URL ? undefined : (config.defaultEnv ?? undefined));
  const env = name ? config.envs.find((e) => e.name === name) : undefined;
  return env?.fleet ? env : null;
}
