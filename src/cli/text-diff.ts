import { structuredPatch } from 'diff';
import { bold, cyan, green, red } from './output';

/** Options of unifiedDiff. */
export interface UnifiedDiffOptions {
  /** Lines of context around each change (default 3). */
  readonly context?: number;
  /** At most this many lines of diff per file; the rest is counted (default 200). */
  readonly maxLines?: number;
}

/** A line cut to a readable length (a minified bundle is one line of megabytes). */
const clip = (line: string): string => (line.length > 400 ? `${line.slice(0, 400)}… (${line.length - 400} more characters)` : line);

/**
 * A unified diff of two texts, as `git diff` prints it (`--- a/…`, `+++ b/…`, `@@ … @@` hunks), coloured
 * on a TTY without NO_COLOR (removed red, added green, hunk headers cyan); '' when the texts are equal.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, options: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return '';
  const patch = structuredPatch(oldName, newName, oldText, newText, '', '', { context: options.context ?? 3 });
  const body: string[] = [];
  for (const h of patch.hunks) {
    // As git prints it: an empty side starts at line 0.
    body.push(cyan(`@@ -${h.oldLines ? h.oldStart : h.oldStart - 1},${h.oldLines} +${h.newLines ? h.newStart : h.newStart - 1},${h.newLines} @@`));
    for (const line of h.lines) {
      if (line.startsWith('\\')) body.push(line);
      else if (line.startsWith('+')) body.push(green(clip(line)));
      else if (line.startsWith('-')) body.push(red(clip(line)));
      else body.push(clip(line));
    }
  }
  const max = options.maxLines ?? 200;
  const shown = body.length > max ? [...body.slice(0, max), `… ${body.length - max} more line(s) of diff`] : body;
  return [bold(`--- ${oldName}`), bold(`+++ ${newName}`), ...shown].join('\n');
}

/** Unified diffs of several files (old and new content by path; absent: the file does not exist), joined by blank lines. */
export function unifiedDiffs(
  paths: readonly string[],
  before: (p: string) => string | undefined,
  after: (p: string) => string | undefined,
  options: UnifiedDiffOptions = {},
): string {
  return paths
    .map((p) => {
      const a = before(p);
      const b = after(p);
      return unifiedDiff(a ?? '', b ?? '', a === undefined ? '/dev/null' : `a/${p}`, b === undefined ? '/dev/null' : `b/${p}`, options);
    })
    .filter((d) => d !== '')
    .join('\n\n');
}
