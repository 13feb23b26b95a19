import { applyPlan } from '../apply';
import { requiredBackupDir } from '../config';
import { withMigrationLock } from '../migrate';
import { assertValidated } from '../pipeline';
import { planToJson, type HazardKind } from '../plan';
import { SchemakitError } from '../util';
import { backupFirst } from './backup-first';
import { loadAndOpen, planAndValidate, using, withPolicyDefaults, type Outcome, type ScratchFlags } from './commands';
import { lockOptions } from './migrate-command';
import { dim, renderSummary, yellow } from './output';
import { progress } from './progress';
import { confirm } from './prompt';
import { countOption, planOptionsOf, type OnlineFlags } from './safety-options';
import type { ScopeFlags } from './scope-options';
import { scopeOf, type TargetOptions } from './target';

// Its own module, loaded by `apply` only: applying, the migration lock, backups and the prompt are no part of
// what `plan` loads (see test/architecture/startup.test.ts).

/** `schemakit apply`: plan, confirm, execute in one transaction. */
export async function runApply(
  opts: TargetOptions &
    OnlineFlags &
    ScratchFlags &
    ScopeFlags & {
      allowHazard?: string[];
      yes?: boolean;
      chunked?: boolean;
      backup?: string;
      preflight?: boolean;
      lockRetries?: string;
      lockWait?: string;
      json?: boolean;
      validate?: boolean;
    },
  log: (s: string) => void,
): Promise<Outcome> {
  const { declared, db, target } = await loadAndOpen(opts, { action: 'apply', command: 'apply' });
  const scope = scopeOf(opts, target);
  const backupDir = opts.backup ?? requiredBackupDir(target, 'apply');
  const allowHazards = [...new Set([...(opts.allowHazard ?? []), ...target.policy.allowHazards])] as HazardKind[];
  const json = (o: Record<string, unknown>, exitCode: number, text: string): Outcome => ({ stdout: opts.json ? JSON.stringify(o, null, 2) : text, exitCode });
  // Under the migration lock, planned after taking it: a second runner waits, then finds nothing left to do.
  return using([db], () =>
    withMigrationLock(db, lockOptions(opts, 'schemakit apply', log, {}), async () => {
      const options = planOptionsOf(withPolicyDefaults(opts, target));
      // Validation (default) plans with the scratch database it then validates on; --no-validate plans as before.
      const { plan, validation } = await planAndValidate(db, declared, options, opts, opts.validate !== false, scope);
      if (plan.steps.length === 0) return json({ applied: 0, chunks: 0, durationMs: 0, backup: null, steps: [] }, 0, renderSummary(plan));
      log(`${dim(`target: ${db.description}`)}\n${renderSummary(plan)}\n`);
      if (validation !== null) {
        log(dim(`Validation on a scratch copy of the schema: ${validation.outcome} (${Math.round(validation.durationMs)} ms).`));
        if (validation.outcome === 'not-validated')
          log(yellow(`The plan could not be validated and runs unvalidated:\n${validation.problems.map((p) => `  ${p}`).join('\n')}`));
        assertValidated(validation);
      }
      if (!opts.yes) {
        if (!process.stdin.isTTY) throw new SchemakitError('cli', 'needs-confirmation', 'not a terminal: pass --yes to apply without confirmation');
        if (!(await confirm(`Apply ${plan.steps.length} statement(s) to ${db.description}?`)))
          return json({ applied: 0, aborted: true }, 1, 'Aborted; nothing was applied.');
      }
      let backup: string | null = null;
      if (backupDir) backup = await backupFirst(db, backupDir, target.policy, log);
      const result = await applyPlan(db, plan, {
        allowHazards,
        chunked: opts.chunked,
        preflight: opts.preflight !== false,
        onStep: (s, i) => progress().show('applying', `${i + 1}/${plan.steps.length} ${s.op} ${s.object}`),
        lockRetries: countOption('--lock-retries', opts.lockRetries),
        onRetry: (n, e) => log(`${yellow('lock timeout')} (${e.message.split('\n')[0]}); retry ${n}`),
      });
      progress().clear();
      const text = `Applied ${result.applied} statement(s) ${appliedHow(result)} (${Math.round(result.durationMs)} ms).`;
      return json(
        { applied: result.applied, chunks: result.chunks, durationMs: Math.round(result.durationMs), backup, steps: planToJson(plan).steps },
        0,
        text,
      );
    }),
  );
}

/** How an apply ran: "in one transaction" only when that is true (an online plan runs builds on their own). */
function appliedHow(r: { chunks: number; outside: number }): string {
  const tx = r.chunks === 0 ? '' : r.chunks === 1 ? 'in one transaction' : `in ${r.chunks} transactions`;
  if (r.outside === 0) return tx;
  const alone = `${r.outside} outside any transaction`;
  return tx === '' ? `(${alone})` : `${tx} and ${alone}`;
}
