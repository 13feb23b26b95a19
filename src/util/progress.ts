/**
 * What a long library call is doing, reported through an `onProgress` callback to a caller that shows it
 * (the CLI, on a terminal). The library never prints; these are plain data.
 */
export type Progress =
  /** The TypeScript compiler checks the schema files (a cache miss: seconds to tens of seconds). */
  | { readonly kind: 'TypeCheck'; readonly files: number }
  /** A scratch database is being made to normalize the declarations in (a PGlite start, or CREATE DATABASE). */
  | { readonly kind: 'ScratchDatabase' }
  /** Declarations rendered into the scratch database: `done` of `total` statements. */
  | { readonly kind: 'Normalize'; readonly done: number; readonly total: number }
  /** The plan runs on a scratch copy of the target's schema (plan validation). */
  | { readonly kind: 'ValidatePlan'; readonly steps: number };

/** Receives Progress reports. */
export type OnProgress = (p: Progress) => void;
