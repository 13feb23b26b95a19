import type { ProjectConfig } from '../config';

/**
 * What one command of the CLI reads once and remembers (its configuration, the target line it announced, its
 * --lock-wait). Kept here, in a module with no heavy import, so that main() can start every command afresh:
 * a process that runs several commands (a test, a tool embedding the CLI) then reads an edited
 * schemakit.yaml again and announces each command's target.
 */
export const invocation = {
  /** `--lock-wait` of the command being run (cliTarget records it), for the embedded database's lock. */
  lockWait: undefined as string | undefined,
  /** Configurations read, by working directory and --config. */
  configs: new Map<string, ProjectConfig>(),
  /** The target line last written to stderr. */
  announced: '',
};

/** Forgets what the previous command of this process read and announced; main() calls it first. */
export function beginInvocation(): void {
  invocation.lockWait = undefined;
  invocation.configs.clear();
  invocation.announced = '';
}
