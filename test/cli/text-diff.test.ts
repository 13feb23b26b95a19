import { expect } from 'chai';
import { unifiedDiff, unifiedDiffs } from '../../src/cli/text-diff';

/** The unified diff the CLI prints where a person compares text (docs --check, pull, migrate status). */
describe('cli unified diffs', () => {
  const saved = { noColor: process.env.NO_COLOR, tty: process.stdout.isTTY };
  afterEach(() => {
    if (saved.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved.noColor;
    process.stdout.isTTY = saved.tty;
  });

  it('prints git-style headers and hunks, and nothing for equal texts', () => {
    process.env.NO_COLOR = '1';
    const a = 'one\ntwo\nthree\nfour\n';
    const b = 'one\n2\nthree\nfour\nfive\n';
    expect(unifiedDiff(a, b, 'a/x.ts', 'b/x.ts')).to.equal('--- a/x.ts\n+++ b/x.ts\n@@ -1,4 +1,5 @@\n one\n-two\n+2\n three\n four\n+five');
    expect(unifiedDiff(a, a, 'a/x', 'b/x')).to.equal('');
    expect(
      unifiedDiffs(
        ['new.ts', 'same.ts'],
        (p) => (p === 'same.ts' ? 'x\n' : undefined),
        () => 'x\n',
      ),
    ).to.equal('--- /dev/null\n+++ b/new.ts\n@@ -0,0 +1,1 @@\n+x');
  });

  it('colours on a TTY without NO_COLOR only, and cuts long diffs', () => {
    delete process.env.NO_COLOR;
    process.stdout.isTTY = true;
    const coloured = unifiedDiff('a\n', 'b\n', 'a/f', 'b/f');
    expect(coloured).to.include('\x1b[31m-a\x1b[0m').and.include('\x1b[32m+b\x1b[0m').and.include('\x1b[36m@@ -1,1 +1,1 @@\x1b[0m');
    process.env.NO_COLOR = '1';
    expect(unifiedDiff('a\n', 'b\n', 'a/f', 'b/f')).not.to.include('\x1b[');
    // 50 added lines, the hunk header and git's no-newline note: 52 lines, 10 shown.
    const long = unifiedDiff('', Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n'), 'a/f', 'b/f', { maxLines: 10 });
    expect(long.split('\n')).to.have.length(13);
    expect(long).to.match(/… 42 more line\(s\) of diff$/);
  });
});
