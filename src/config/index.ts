/** `schemakit.yaml`: paths, dev engine, envs with policies, `${VAR}` interpolation, target resolution. */
export {
  NO_POLICY,
  BACKUP_ACTIONS,
  type BackupAction,
  type ConfigPaths,
  type ConfigScope,
  type EnvConfig,
  type EnvTarget,
  type FleetSpec,
  type Policy,
  type ProjectConfig,
} from './types';
export { parseConfig, defaultConfig, type ParseConfigOptions } from './parse-config';
export { loadConfig, findConfigFile, CONFIG_FILE, type LoadConfigOptions } from './load-config';
export { interpolate } from './interpolate';
export { maskUrl } from './mask-url';
export { resolveTarget, findEnv, describeTarget, type ResolvedTarget, type ResolveTargetOptions, type TargetSource } from './resolve-target';
export { enforcePolicy, requiredBackupDir, type PolicyAction } from './policy';
export { configScope } from './config-scope';
