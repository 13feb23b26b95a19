import { assertNever, type Progress } from '../util';
import { dim } from './colors';

/** Where the line is drawn: stderr, or a test's stand-in. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * One line at the bottom of a terminal saying what the command is doing: a spinner, the phase, and the
 * seconds it has taken, redrawn ten times a second (a synchronous step such as the type check holds the
 * line still until it returns). Does nothing when `enabled` is false: not a terminal, or JSON output.
 */
export class ProgressLine {
  private phase: string | null = null;
  private detail = '';
  private since = 0;
  private frame = 0;
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: ProgressStream,
    readonly enabled: boolean,
  ) {}

  /**
   * Shows `phase` (its clock restarts when the phase changes) with an optional detail after it. Cheap to call
   * thousands of times a second (per row, per batch): a new detail of the same phase is drawn at most ten times
   * a second.
   */
  show(phase: string, detail = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    const changed = phase !== this.phase;
    if (changed) {
      this.phase = phase;
      this.since = now;
    }
    this.detail = detail;
    if (changed || now - this.drawn >= 100) this.draw();
    if (this.timer === null) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
    }
  }

  /** Erases the line (before other output, or when the phase is over). */
  clear(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    if (this.phase !== null) this.stream.write('\r\x1b[K');
    this.phase = null;
  }

  /** Erases the line for a moment (other output follows); the next tick draws it again below that output. */
  erase(): void {
    if (this.phase !== null) this.stream.write('\r\x1b[K');
  }

  private draw(): void {
    if (this.phase === null) return;
    this.drawn = Date.now();
    const seconds = Math.floor((Date.now() - this.since) / 1000);
    const text = `${FRAMES[this.frame++ % FRAMES.length]} ${this.phase}${this.detail ? `: ${this.detail}` : ''}${seconds > 0 ? ` (${seconds} s)` : ''}`;
    // Never wider than the terminal: a wrapped line cannot be redrawn in place.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\x1b[K${dim(text.length > width ? `${text.slice(0, width - 1)}…` : text)}`);
  }
}

let line = new ProgressLine(process.stderr, false);

/** Turns the progress line on for this process when stderr is a terminal and the output is not `--json` (main). */
export function startProgress(argv: readonly string[]): void {
  line = new ProgressLine(process.stderr, Boolean(process.stderr.isTTY) && !argv.includes('--json'));
}

/** The process's progress line. */
export function progress(): ProgressLine {
  return line;
}

/** Shows the library's Progress reports on the line (an `onProgress` callback). */
export function showProgress(p: Progress): void {
  switch (p.kind) {
    case 'TypeCheck':
      return line.show('type-checking the declarations', `${p.files} file${p.files === 1 ? '' : 's'}`);
    case 'ScratchDatabase':
      return line.show('normalizing the declarations', 'starting a scratch database');
    case 'Normalize':
      return line.show('normalizing the declarations', `${p.done}/${p.total} statements`);
    case 'ValidatePlan':
      return line.show('validating the plan on a scratch copy of the schema', `${p.steps} statements`);
    default:
      return assertNever(p, 'progress');
  }
}

/** Runs `fn` with the line showing `phase`, cleared afterwards. */
export async function during<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  line.show(phase);
  try {
    return await fn();
  } finally {
    line.clear();
  }
}

/** Writes a line on stderr, the progress line cleared first (it is drawn again on its next tick). */
export function logLine(s: string): void {
  line.erase();
  process.stderr.write(`${s}\n`);
}
