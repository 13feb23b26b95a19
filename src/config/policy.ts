import { SchemakitError } from '../util';
import type { ResolvedTarget } from './resolve-target';

/** What a command is about to do, as far as policies care. */
export type PolicyAction = 'apply' | 'migrate-up' | 'migrate-down' | 'reset' | 'drop' | 'restore' | 'baseline';

/** Refuses `action` when the target's env policy forbids it; the message names the env and the policy. */
export function enforcePolicy(t: ResolvedTarget, action: PolicyAction, command: string): void {
  const env = t.env;
  if (!env) return;
  const refuse = (policy: string, why: string) => {
    throw new SchemakitError('config', 'policy-refused', `${command} refused on env "${env.name}": policy ${policy} (${env.location}): ${why}`);
  };
  if (env.policy.protected && (action === 'reset' || action === 'drop' || action === 'restore')) {
    refuse('protected: true', 'its database is never dropped, reset or overwritten, whatever the flags');
  }
  if (env.policy.migrationsOnly && action === 'apply') {
    refuse('migrationsOnly: true', 'changes must come from versioned migration files: run `schemakit generate NAME`, commit it, then `schemakit migrate up`');
  }
}

/** Whether the action must take a backup first (policy requireBackup and its `before`), and where. */
export function requiredBackupDir(t: ResolvedTarget, action: PolicyAction): string | null {
  return (t.policy.backupBefore as readonly string[]).includes(action) ? t.policy.requireBackup : null;
}
