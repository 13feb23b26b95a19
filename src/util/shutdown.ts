/**
 * Work to do before a command's process ends, registered by the modules that need it when they are loaded
 * (db's pool of in-memory PGlite instances, which keep Node alive): the CLI runs it after every command
 * without loading those modules itself.
 */
const hooks = new Set<() => Promise<void>>();

/** Registers `hook` (once per function) to run at the end of every command. */
export function onShutdown(hook: () => Promise<void>): void {
  hooks.add(hook);
}

/** Runs every registered hook, one after the other; a failing hook does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of hooks) await hook().catch(() => undefined);
}
