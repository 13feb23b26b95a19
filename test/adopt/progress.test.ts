import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ProgressLine, type ProgressStream } from '../../src/cli/progress';
import { expectExit } from '../cli/cli-target';
import { binPath, makeProject, runCli } from '../cli/run-cli';
import { shop } from '../cli/schemas';

/** The terminal's erase-line sequence the progress line draws with (ESC [ K). */
const ERASE = '\u001b[K';

/** A stand-in for stderr that records what is written. */
function stream(isTTY: boolean): ProgressStream & { text: () => string } {
  const parts: string[] = [];
  return { isTTY, columns: 60, write: (s: string) => parts.push(s) > 0, text: () => parts.join('') };
}

/**
 * Progress on a terminal (issue 19): the embedded engine's start, the type check, normalization and apply show
 * a spinner line on stderr when it is a terminal; nothing when piped or with --json. The CLI test runs the
 * command under script(1), which gives it a pseudo-terminal (skipped where script is missing).
 */
describe('adopt: progress on a terminal', function () {
  this.timeout(240_000);

  it('the line shows the phase and detail, fits the terminal, and clear() erases it', async () => {
    const s = stream(true);
    const line = new ProgressLine(s, true);
    line.show('normalizing the declarations', '200/2727 statements');
    await new Promise((r) => setTimeout(r, 120));
    line.show('normalizing the declarations', 'a detail long enough to be cut at the width of the terminal');
    await new Promise((r) => setTimeout(r, 120)); // the next tick draws the new detail
    line.clear();
    const drawn = s
      .text()
      .split('\r\x1b[K')
      .filter((x) => x !== '');
    expect(drawn[0]).to.match(/^. normalizing the declarations: 200\/2727 statements$/);
    expect(drawn.at(-1)).to.have.length(59).and.match(/…$/);
    expect(s.text().endsWith('\r\x1b[K')).to.equal(true);
  });

  it('a detail updated thousands of times a second is drawn at most ten times a second; a new phase at once', () => {
    const s = stream(true);
    const line = new ProgressLine(s, true);
    const started = Date.now();
    for (let i = 0; i < 5000; i++) line.show('loading', `${i} rows`);
    line.show('merging');
    const elapsed = Date.now() - started;
    line.clear();
    const drawn = s
      .text()
      .split('\r\x1b[K')
      .filter((x) => x !== '');
    expect(drawn.length).to.be.at.most(2 + Math.floor(elapsed / 100));
    expect(drawn[0]).to.match(/loading: 0 rows$/);
    expect(drawn.at(-1)).to.match(/merging$/);
  });

  it('a disabled line writes nothing', () => {
    const s = stream(false);
    const line = new ProgressLine(s, false);
    line.show('applying', '1/3');
    line.erase();
    line.clear();
    expect(s.text()).to.equal('');
  });

  it('plan on a terminal shows the type check, the engine start and normalization; piped or --json it shows none', async function () {
    if (!existsSync('/usr/bin/script')) this.skip();
    const project = makeProject(shop, 'schemakit-progress-');
    const typescript = mkdtempSync(join(tmpdir(), 'schemakit-tty-'));
    try {
      const out = join(typescript, 'out');
      const run = (args: string) =>
        spawnSync('/usr/bin/script', ['-qfc', `${process.execPath} ${binPath} ${args}`, out], {
          cwd: project.dir,
          env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
          encoding: 'utf8',
          timeout: 200_000,
        });
      run('plan --no-preflight');
      const tty = readFileSync(out, 'utf8');
      expect(tty).to.include('type-checking the declarations').and.include('starting the embedded database').and.include('normalizing the declarations');
      expect(tty).to.include('+ create table shop.orders');
      rmSync(join(project.dir, '.schemakit', 'cache'), { recursive: true, force: true });
      run('plan --no-preflight --json');
      expect(readFileSync(out, 'utf8'))
        .to.not.match(/type-checking|normalizing/)
        .and.not.include(ERASE);
      // Piped (the caches now warm: the engine still starts, and says nothing).
      const piped = await runCli(['plan', '--no-preflight'], { cwd: project.dir });
      expectExit(piped, 2);
      expect(piped.stderr)
        .to.not.match(/starting|\r/)
        .and.not.include(ERASE);
    } finally {
      project.remove();
      rmSync(typescript, { recursive: true, force: true });
    }
  });
});
