import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SchemakitError } from '../util';
import type { Outcome } from './commands';

const BEGIN = '# >>> schemakit docs >>>';
const END = '# <<< schemakit docs <<<';

/** The block the pre-commit hook runs: regenerate docs when staged files touch schema/, and stage them. */
export const PRE_COMMIT_BLOCK = [
  BEGIN,
  '# Regenerates generated/docs when the commit touches schema/ (installed by `schemakit hooks install`).',
  "if git diff --cached --name-only | grep -q '^schema/'; then",
  '  npx schemakit docs && git add generated/docs || exit 1',
  'fi',
  END,
].join('\n');

/** The hooks directory git uses (honours core.hooksPath), resolved against `cwd`. */
function hooksDir(cwd: string): string {
  try {
    const out = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return resolve(cwd, out.trim());
  } catch (cause) {
    throw new SchemakitError('cli', 'not-a-git-repository', `hooks: ${cwd} is not inside a git repository`, { cause });
  }
}

/** Returns hook text with the schemakit block added, or replaced in place when present (idempotent). */
export function withPreCommitBlock(existing: string | null): string {
  if (existing === null || existing.trim() === '') return `#!/bin/sh\n${PRE_COMMIT_BLOCK}\n`;
  const start = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (start >= 0 && end > start) return existing.slice(0, start) + PRE_COMMIT_BLOCK + existing.slice(end + END.length);
  return `${existing.replace(/\n*$/, '\n')}\n${PRE_COMMIT_BLOCK}\n`;
}

/**
 * `schemakit hooks install`: writes (or extends) the git pre-commit hook so that a commit touching schema/
 * regenerates and stages generated/docs. An existing hook keeps its content; the block is marked and
 * replaced on reinstall. Note: a block appended after an unconditional `exit` in an existing hook never runs.
 */
export async function runHooksInstall(opts: { cwd?: string; json?: boolean } = {}): Promise<Outcome> {
  const dir = hooksDir(opts.cwd ?? process.cwd());
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'pre-commit');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const after = withPreCommitBlock(before);
  const status = after === before ? 'unchanged' : before === null ? 'installed' : 'updated';
  if (status !== 'unchanged') {
    writeFileSync(file, after);
    chmodSync(file, 0o755);
  }
  if (opts.json) return { stdout: JSON.stringify({ hook: 'pre-commit', file, status }, null, 2), exitCode: 0 };
  if (status === 'unchanged') return { stdout: `Pre-commit hook ${file} is already installed.`, exitCode: 0 };
  return { stdout: `${status === 'installed' ? 'Installed' : 'Updated'} pre-commit hook ${file}.`, exitCode: 0 };
}
