import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SchemakitError } from '../util';
import { defaultConfig, parseConfig, type ParseConfigOptions } from './parse-config';
import type { ProjectConfig } from './types';

/** The name of the project configuration file. */
export const CONFIG_FILE = 'schemakit.yaml';

/** The nearest `schemakit.yaml` in `cwd` or a parent directory, or null. */
export function findConfigFile(cwd = process.cwd()): string | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return null;
  }
}

/** Options of loadConfig. */
export interface LoadConfigOptions extends ParseConfigOptions {
  /** An explicit file (`--config`); it must exist. */
  readonly file?: string;
  /** Where the search starts (default the working directory). */
  readonly cwd?: string;
}

/**
 * Reads the project's configuration: `file` when given, else the nearest `schemakit.yaml` above the
 * working directory, else the defaults (no envs, paths under the working directory).
 */
export function loadConfig(options: LoadConfigOptions = {}): ProjectConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = options.file ? resolve(cwd, options.file) : findConfigFile(cwd);
  if (file === null) return defaultConfig(cwd);
  if (!existsSync(file)) throw new SchemakitError('config', 'no-config', `${file}: no such configuration file (--config)`);
  return parseConfig(readFileSync(file, 'utf8'), file, options);
}
