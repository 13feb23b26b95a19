import type { ConfigScope, EnvConfig, ProjectConfig } from './types';

/** The scope schemakit.yaml gives a command: each key from the env in use, else from the top level (default: everything). */
export function configScope(config: ProjectConfig, env: EnvConfig | null): ConfigScope {
  const top = config.scope;
  return {
    schemas: env?.schemas ?? top?.schemas ?? null,
    excludeSchemas: env?.excludeSchemas ?? top?.excludeSchemas ?? [],
    excludeTables: env?.excludeTables ?? top?.excludeTables ?? [],
  };
}
