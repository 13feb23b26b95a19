import type * as Yaml from 'yaml';
import type { LineCounter, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { didYouMean, type Problem } from '../util';
import { interpolate } from './interpolate';

/**
 * `yaml`, loaded when a schemakit.yaml is parsed rather than when `config` is imported: every command imports
 * config, most projects have no schemakit.yaml, and the package costs ~50 ms of CPU at start-up.
 */
export const yaml = (): typeof Yaml => require('yaml') as typeof Yaml;
export const isMap = (n: unknown): n is YAMLMap<unknown, unknown> => yaml().isMap(n);
export const isScalar = (n: unknown): n is Scalar<unknown> => yaml().isScalar(n);
export const isSeq = (n: unknown): n is YAMLSeq<unknown> => yaml().isSeq(n);

/** Options of parseConfig. */
export interface ParseConfigOptions {
  /** Variables for `${VAR}` (default process.env). */
  readonly environ?: Readonly<Record<string, string | undefined>>;
  /** Hazard kinds `allowHazards` may name (unchecked when absent). */
  readonly hazardKinds?: readonly string[];
  /**
   * Threshold names `health:` may set, camelCase (the health stage's `Thresholds`; passed in because config
   * imports only util). Absent: any name is accepted unchecked.
   */
  readonly healthThresholds?: readonly string[];
}

/** Reads one YAML document, reporting problems as `file:line: key: message`. */
export class Reader {
  readonly problems: Problem[] = [];
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
    readonly options: ParseConfigOptions,
  ) {}

  where(node: Node | null | undefined): string {
    const offset = node?.range?.[0];
    return offset === undefined ? this.file : `${this.file}:${this.lines.linePos(offset).line}`;
  }

  problem(node: Node | null | undefined, key: string, message: string, sink: Problem[] = this.problems): void {
    sink.push({ code: 'bad-config', location: this.where(node), object: key, message });
  }

  /** The pairs of a mapping with known keys; unknown keys are problems with a did-you-mean. */
  entries(node: Node | null | undefined, key: string, known: readonly string[] | null): [string, Node | null, Pair][] {
    if (node === null || node === undefined) return [];
    if (!isMap(node)) {
      this.problem(node, key, 'must be a mapping of keys to values');
      return [];
    }
    const out: [string, Node | null, Pair][] = [];
    for (const pair of (node as YAMLMap).items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : null;
      if (k === null) {
        this.problem(pair.key as Node, key, 'keys must be plain strings');
        continue;
      }
      const path = key ? `${key}.${k}` : k;
      if (known && !known.includes(k)) {
        this.problem(pair.key as Node, path, `unknown key${didYouMean(k, known)}; known keys: ${known.join(', ')}`);
        continue;
      }
      out.push([k, (pair.value as Node | null) ?? null, pair]);
    }
    return out;
  }

  /** A string scalar with `${VAR}` interpolated; unset variables become problems in `sink`. */
  string(node: Node | null, key: string, sink: Problem[] = this.problems): string | null {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') {
      this.problem(node, key, 'must be a string');
      return null;
    }
    const raw = String(node.value);
    const r = interpolate(raw, this.options.environ ?? process.env);
    for (const v of r.unset) this.problem(node, key, `environment variable ${v} is not set (write \${${v}:-default} for a default)`, sink);
    if (r.malformed) this.problem(node, key, `malformed \${…} in "${raw}": write \${NAME} or \${NAME:-default}`, sink);
    return r.unset.length || r.malformed ? null : r.value;
  }

  boolean(node: Node | null, key: string, sink?: Problem[]): boolean | null {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    const s = isScalar(node) && typeof node.value === 'string' ? this.string(node, key, sink) : null;
    if (s === 'true' || s === 'false') return s === 'true';
    this.problem(node, key, 'must be true or false', sink);
    return null;
  }

  strings(node: Node | null, key: string, sink?: Problem[]): string[] | null {
    if (!isSeq(node)) {
      this.problem(node, key, 'must be a list, e.g. [a, b]', sink);
      return null;
    }
    const out = node.items.map((item, i) => this.string(item as Node, `${key}[${i}]`, sink));
    return out.every((s): s is string => s !== null) ? out : null;
  }
}
