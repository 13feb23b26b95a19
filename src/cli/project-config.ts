import { configScope, loadConfig, type ProjectConfig, type ResolvedTarget } from '../config';
// health/types directly: the threshold names only, not health's queries (diff's start-up).
import { defaultThresholds } from '../health/types';
import type { Scope } from '../introspect';
// plan/types directly: plan's barrel brings the whole planner, which `--help` does not need.
import { hazardKinds } from '../plan/types';
import { invocation } from './invocation';
import type { ScopeFlags } from './scope-options';

// Apart from target.ts (which re-exports them): `diff` reads the project's scope without target's imports.

/** The project's configuration (`--config`, else the nearest schemakit.yaml, else defaults), read once per command. */
export function projectConfig(opts: { config?: string } = {}): ProjectConfig {
  const key = `${process.cwd()}\0${opts.config ?? ''}`;
  let c = invocation.configs.get(key);
  if (!c) invocation.configs.set(key, (c = loadConfig({ file: opts.config, hazardKinds, healthThresholds: Object.keys(defaultThresholds) })));
  return c;
}

const list = (s: string | undefined): string[] | undefined =>
  s === undefined
    ? undefined
    : s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);

/** The scope of a command: each key from its flag, else the env of schemakit.yaml in use, else the top level of schemakit.yaml. */
export function scopeOf(opts: ScopeFlags, target?: ResolvedTarget | null): Scope {
  const fromConfig = configScope(projectConfig(opts), target?.env ?? null);
  return {
    schemas: list(opts.schemas) ?? fromConfig.schemas,
    excludeSchemas: list(opts.excludeSchemas) ?? fromConfig.excludeSchemas,
    excludeTables: list(opts.excludeTables) ?? fromConfig.excludeTables,
  };
}
