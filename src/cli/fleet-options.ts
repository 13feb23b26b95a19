import type { Command } from 'commander';
import type { Outcome } from './commands';

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
 * else `single`. Loaded lazily: the fleet module is imported only when an action runs.
 */
export async function fleetOr(kind: FleetCommandKind, opts: Record<string, unknown>, single: () => Promise<Outcome>): Promise<Outcome> {
  const { fleetEnvOf, runFleetCommand } = await import('./fleet-command');
  const env = fleetEnvOf(opts);
  return env ? runFleetCommand(kind, env, opts) : single();
}
