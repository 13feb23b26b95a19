/** Stages of the pipeline, named in every error message so a user knows where it failed. */
export type Stage =
  | 'declare'
  | 'load'
  | 'validate'
  | 'introspect'
  | 'diff'
  | 'plan'
  | 'apply'
  | 'db'
  | 'config'
  | 'normalize'
  | 'cli'
  | 'migrate'
  | 'health'
  | 'data'
  | 'check'
  | 'dedupe'
  | 'fleet'
  | 'sql'
  | 'internal';

/** A problem found in user input, with the place it was declared (file:line) when known. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  /** Object the problem is about, e.g. `public.users.email`. */
  readonly object?: string;
  /** `file:line` of the declaration. */
  readonly location?: string;
}

/** Base error of schemakit: a stable `code`, the stage in the message, `cause` kept. */
export class SchemakitError extends Error {
  readonly code: string;
  readonly stage: Stage;
  readonly problems: readonly Problem[];
  constructor(stage: Stage, code: string, message: string, options: { cause?: unknown; problems?: readonly Problem[] } = {}) {
    super(`${stage}: ${message}`, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'SchemakitError';
    this.code = code;
    this.stage = stage;
    this.problems = options.problems ?? [];
  }
}

/** Formats a problem as `file:line: object: message`. */
export function formatProblem(p: Problem): string {
  return [p.location, p.object, p.message].filter(Boolean).join(': ');
}

/** Exhaustiveness check for `switch (x.kind)`: an unknown kind is a bug, never silently dropped. */
export function assertNever(x: never, what = 'value'): never {
  throw new SchemakitError('plan', 'unreachable', `unexpected ${what}: ${JSON.stringify(x)}`);
}
