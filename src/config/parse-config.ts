import { dirname, join, relative, resolve } from 'node:path';
import type { Node } from 'yaml';
import { isMap, isScalar, isSeq, Reader, yaml, type ParseConfigOptions } from './config-reader';
import { didYouMean, SchemakitError, type Problem } from '../util';
import { readDocsConfig } from './parse-docs-config';

export { Reader, type ParseConfigOptions } from './config-reader';
import {
  NO_POLICY,
  type BackupAction,
  type ConfigPaths,
  type ConfigScope,
  type DocsConfig,
  type EnvConfig,
  type EnvTarget,
  type FleetSpec,
  type Policy,
  type ProjectConfig,
} from './types';

const TOP_KEYS = ['paths', 'dev', 'defaultEnv', 'envs', 'health', 'schemas', 'excludeSchemas', 'excludeTables', 'docs'];
const PATH_KEYS = ['schema', 'migrations', 'docs', 'data', 'templates'];
const ENV_KEYS = [
  'url',
  'host',
  'port',
  'database',
  'user',
  'password',
  'schemas',
  'excludeSchemas',
  'excludeTables',
  'policy',
  'seed',
  'targets',
  'query',
  'databases',
  'schemaPattern',
  'parallel',
];
const FLEET_KEYS = ['targets', 'query', 'databases', 'schemaPattern', 'parallel'];
/** `health:` takes the threshold names in camelCase (like the rest of the file) or as the flags spell them. */
const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (k: string) => k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const healthKeys = (names: readonly string[]) => [...names, ...names.map(kebab).filter((k) => !names.includes(k))];
const POLICY_KEYS = ['protected', 'requireBackup', 'allowHazards', 'migrationsOnly', 'online'];
const BACKUP_KEYS = ['dir', 'before', 'keep'];
/** `before:` names: the commands, and `migrate` for both of its directions. */
const BEFORE_NAMES: Readonly<Record<string, readonly BackupAction[]>> = {
  apply: ['apply'],
  migrate: ['migrate-up', 'migrate-down'],
  'migrate-up': ['migrate-up'],
  'migrate-down': ['migrate-down'],
};

/** `embedded`, `pglite:DIR` or a `postgres://` URL, as a target. */
function targetOf(spec: string, root: string): EnvTarget | null {
  if (spec === 'embedded') return { kind: 'pglite', dir: join(root, '.schemakit', 'pglite') };
  if (spec.startsWith('pglite:')) return { kind: 'pglite', dir: resolve(root, spec.slice('pglite:'.length)) };
  if (/^postgres(ql)?:\/\//.test(spec)) return { kind: 'postgres', url: spec };
  return null;
}

const TARGET_FORMS = '"embedded", pglite:DIR or postgres://user:password@host:port/database';

function readPolicy(r: Reader, node: Node | null, key: string, root: string, sink: Problem[]): Policy {
  let policy: Policy = NO_POLICY;
  for (const [k, v] of r.entries(node, key, POLICY_KEYS)) {
    const path = `${key}.${k}`;
    switch (k) {
      case 'protected':
      case 'migrationsOnly':
      case 'online': {
        const b = r.boolean(v, path, sink);
        if (b !== null) policy = { ...policy, [k]: b };
        break;
      }
      case 'requireBackup': {
        if (isScalar(v) && typeof v.value === 'boolean') policy = { ...policy, requireBackup: v.value ? join(root, '.schemakit', 'backups') : null };
        else if (isMap(v)) policy = { ...policy, ...readBackupPolicy(r, v, path, root, sink) };
        else {
          const dir = r.string(v, path, sink);
          if (dir !== null) policy = { ...policy, requireBackup: resolve(root, dir) };
        }
        break;
      }
      case 'allowHazards': {
        const kinds = r.strings(v, path, sink) ?? [];
        const known = r.options.hazardKinds;
        for (const h of kinds)
          if (known && !known.includes(h)) r.problem(v, path, `unknown hazard "${h}"${didYouMean(h, known)}; hazards: ${known.join(', ')}`, sink);
        policy = { ...policy, allowHazards: kinds };
        break;
      }
    }
  }
  return policy;
}

/** `requireBackup: { dir: backups/prod, before: [apply, migrate], keep: 7 }` (each key optional). */
function readBackupPolicy(r: Reader, node: Node, key: string, root: string, sink: Problem[]): Pick<Policy, 'requireBackup' | 'backupBefore' | 'backupKeep'> {
  let out: Pick<Policy, 'requireBackup' | 'backupBefore' | 'backupKeep'> = {
    requireBackup: join(root, '.schemakit', 'backups'),
    backupBefore: NO_POLICY.backupBefore,
    backupKeep: null,
  };
  for (const [k, v] of r.entries(node, key, BACKUP_KEYS)) {
    const path = `${key}.${k}`;
    if (k === 'dir') {
      const dir = r.string(v, path, sink);
      if (dir !== null) out = { ...out, requireBackup: resolve(root, dir) };
    } else if (k === 'before') {
      const names = r.strings(v, path, sink) ?? [];
      const known = Object.keys(BEFORE_NAMES);
      for (const n of names) if (!known.includes(n)) r.problem(v, path, `unknown command "${n}"${didYouMean(n, known)}; one of ${known.join(', ')}`, sink);
      out = { ...out, backupBefore: [...new Set(names.flatMap((n) => BEFORE_NAMES[n] ?? []))] };
    } else {
      const n = isScalar(v) ? Number(v.value) : NaN;
      if (!Number.isInteger(n) || n < 1) r.problem(v, path, 'must be a whole number of backups to keep (at least 1)', sink);
      else out = { ...out, backupKeep: n };
    }
  }
  return out;
}

/** The fleet keys of an env: exactly one of targets/query/databases, the latter two on the env's url. */
function readFleet(r: Reader, key: string, keyNode: Node, nodes: Record<string, Node | null>, hasUrl: boolean, sink: Problem[]): FleetSpec | null {
  const sources = ['targets', 'query', 'databases'].filter((k) => k in nodes);
  let ok = true;
  if (sources.length !== 1) {
    r.problem(
      nodes[sources[1] ?? ''] ?? nodes.schemaPattern ?? nodes.parallel ?? keyNode,
      key,
      sources.length
        ? `give one of targets, query or databases, not ${sources.join(' and ')}`
        : 'a fleet needs targets: (a list of URLs), query: (on the url database) or databases: (a LIKE pattern on the url server)',
    );
    ok = false;
  }
  let targets: string[] | null = null;
  if ('targets' in nodes) {
    targets = r.strings(nodes.targets, `${key}.targets`, sink);
    if (isSeq(nodes.targets)) {
      nodes.targets.items.forEach((item, i) => {
        const s = isScalar(item) ? String(item.value) : '';
        if (!/^postgres(ql)?:\/\/|^\$\{/.test(s)) {
          r.problem(item as Node, `${key}.targets[${i}]`, 'must be a postgres:// URL');
          ok = false;
        }
      });
      if (nodes.targets.items.length === 0) {
        r.problem(nodes.targets, `${key}.targets`, 'must list at least one URL');
        ok = false;
      }
    }
  }
  const str = (k: string) => {
    const node = nodes[k];
    return node !== undefined ? r.string(node, `${key}.${k}`, sink) : null;
  };
  const query = str('query');
  const databases = str('databases');
  const schemaPattern = str('schemaPattern');
  for (const k of ['query', 'databases']) {
    if (k in nodes && !hasUrl) {
      r.problem(
        nodes[k],
        `${key}.${k}`,
        `needs the env's url (or host): the ${k === 'query' ? 'control database the query runs on' : 'server whose databases are matched'}`,
      );
      ok = false;
    }
  }
  let parallel = 4;
  if ('parallel' in nodes) {
    const v = nodes.parallel;
    if (isScalar(v) && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 1) parallel = v.value;
    else {
      r.problem(v, `${key}.parallel`, 'must be a whole number ≥ 1');
      ok = false;
    }
  }
  return ok ? { targets, query, databases, schemaPattern, parallel } : null;
}

function readEnv(r: Reader, name: string, keyNode: Node, node: Node | null, root: string): EnvConfig {
  const key = `envs.${name}`;
  const sink: Problem[] = [];
  const fields: Record<string, string | null> = {};
  let schemas: string[] | null = null;
  let excludeSchemas: string[] | null = null;
  let excludeTables: string[] | null = null;
  let policy = NO_POLICY;
  let urlNode: Node | null = null;
  const fleetNodes: Record<string, Node | null> = {};
  let seed: string | null = null;
  for (const [k, v] of r.entries(node, key, ENV_KEYS)) {
    if (FLEET_KEYS.includes(k)) fleetNodes[k] = v;
    else if (k === 'policy') policy = readPolicy(r, v, `${key}.policy`, root, sink);
    else if (k === 'seed') {
      seed = r.string(v, `${key}.seed`, sink);
      if (seed !== null && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(seed)) {
        r.problem(v, `${key}.seed`, `must name a folder of data/seeds (letters, digits, _ . -), not "${seed}"`);
        seed = null;
      }
    } else if (k === 'schemas') schemas = r.strings(v, `${key}.schemas`, sink);
    else if (k === 'excludeSchemas') excludeSchemas = r.strings(v, `${key}.excludeSchemas`, sink);
    else if (k === 'excludeTables') excludeTables = r.strings(v, `${key}.excludeTables`, sink);
    else if (k === 'port' && isScalar(v) && typeof v.value === 'number') fields.port = String(v.value);
    else {
      if (k === 'url') urlNode = v;
      fields[k] = r.string(v, `${key}.${k}`, sink);
    }
  }
  const fleet = Object.keys(fleetNodes).length ? readFleet(r, key, keyNode, fleetNodes, 'url' in fields || 'host' in fields, sink) : null;
  let target: EnvTarget | null = null;
  const unresolved = sink.length > 0;
  if ('url' in fields && 'host' in fields) r.problem(urlNode, key, 'give url or host/port/database/user/password, not both');
  else if ('url' in fields) {
    if (fields.url !== null) {
      target = targetOf(fields.url, root);
      if (!target) r.problem(urlNode, `${key}.url`, `must be ${TARGET_FORMS}`);
    }
  } else if ('host' in fields) {
    if (!unresolved) {
      const enc = (s: string | null | undefined) => encodeURIComponent(s ?? '');
      const auth = fields.user ? `${enc(fields.user)}${fields.password ? `:${enc(fields.password)}` : ''}@` : '';
      target = {
        kind: 'postgres',
        url: `postgres://${auth}${fields.host}${fields.port ? `:${fields.port}` : ''}/${enc(fields.database ?? fields.user ?? 'postgres')}`,
      };
    }
  } else if (!unresolved && !Object.keys(fleetNodes).length) r.problem(keyNode, key, `needs a url (${TARGET_FORMS}) or a host`);
  if (target?.kind === 'pglite' && fleet)
    r.problem(urlNode, `${key}.url`, 'a fleet needs a server (postgres://…): a fleet of embedded databases is not meaningful');
  return {
    name,
    location: r.where(keyNode),
    target: unresolved ? null : target,
    schemas,
    excludeSchemas,
    excludeTables,
    policy,
    seed,
    fleet,
    problems: sink.map((p) => `${p.location}: ${p.object}: ${p.message}`),
  };
}

/**
 * Parses and validates the text of a `schemakit.yaml`. Every problem is collected and thrown at once
 * (`file:line: key: message`), except those of one env (unset variables), which are kept on the env and
 * reported only when it is used.
 */
export function parseConfig(text: string, file: string, options: ParseConfigOptions = {}): ProjectConfig {
  const root = dirname(resolve(file));
  const shown = relative(process.cwd(), resolve(file)) || file;
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const [e] = doc.errors;
  if (e !== undefined) {
    const line = e.linePos?.[0]?.line;
    throw new SchemakitError('config', 'malformed-config', `${shown}${line ? `:${line}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`, { cause: e });
  }
  const r = new Reader(shown, lines, options);
  const defaults = defaultConfig(root);
  let paths: ConfigPaths = defaults.paths;
  let dev: EnvTarget | null = null;
  let defaultEnv: string | null = null;
  const envs: EnvConfig[] = [];
  let defaultEnvNode: Node | null = null;
  let health: Readonly<Record<string, number>> = {};
  let scope: ConfigScope = { schemas: null, excludeSchemas: [], excludeTables: [] };
  let docs: DocsConfig | undefined;
  const rootNode = doc.contents as Node | null;
  if (rootNode !== null && !(isScalar(rootNode) && rootNode.value === null)) {
    for (const [k, v] of r.entries(rootNode, '', TOP_KEYS)) {
      if (k === 'paths') {
        for (const [p, pv] of r.entries(v, 'paths', PATH_KEYS)) {
          const s = r.string(pv, `paths.${p}`);
          if (s !== null) paths = { ...paths, [p]: resolve(root, s) };
        }
      } else if (k === 'dev') {
        const s = r.string(v, 'dev');
        if (s !== null) {
          dev = targetOf(s, root);
          if (!dev) r.problem(v, 'dev', `must be ${TARGET_FORMS}`);
          else if (dev.kind === 'pglite') dev = null;
        }
      } else if (k === 'health') {
        const names = r.options.healthThresholds;
        for (const [t, tv, pair] of r.entries(v, 'health', names ? healthKeys(names) : null)) {
          const str = isScalar(tv) && typeof tv.value === 'string' ? r.string(tv, `health.${t}`) : null;
          if (isScalar(tv) && typeof tv.value === 'string' && str === null) continue;
          const n = isScalar(tv) && typeof tv.value === 'number' ? tv.value : str !== null && str.trim() !== '' ? Number(str) : null;
          const name = names?.find((c) => c === t || kebab(c) === t) ?? camel(t);
          if (n === null || !Number.isFinite(n) || n < 0)
            r.problem(tv ?? (pair.key as Node), `health.${t}`, `must be a non-negative number${str !== null ? `, not "${str}"` : ''}`);
          else health = { ...health, [name]: n };
        }
      } else if (k === 'schemas' || k === 'excludeSchemas' || k === 'excludeTables') {
        const list = r.strings(v, k);
        if (list !== null) scope = { ...scope, [k]: list };
      } else if (k === 'docs') {
        docs = readDocsConfig(r, v);
      } else if (k === 'defaultEnv') {
        defaultEnv = r.string(v, 'defaultEnv');
        defaultEnvNode = v;
      } else {
        for (const [name, ev, envPair] of r.entries(v, 'envs', null)) envs.push(readEnv(r, name, envPair.key as Node, ev, root));
      }
    }
  }
  if (defaultEnv !== null && !envs.some((e) => e.name === defaultEnv)) {
    r.problem(
      defaultEnvNode,
      'defaultEnv',
      `no env named "${defaultEnv}"${didYouMean(
        defaultEnv,
        envs.map((e) => e.name),
      )}`,
    );
  }
  const [first] = r.problems;
  if (first !== undefined) {
    throw new SchemakitError('config', 'bad-config', `${r.problems.length} problem(s) in ${shown}: ${first.location}: ${first.object}: ${first.message}`, {
      problems: r.problems,
    });
  }
  return { file, root, paths, dev, defaultEnv, envs, health, scope, ...(docs ? { docs } : {}) };
}

/** The configuration of a project without `schemakit.yaml`: default paths under `root`, no envs. */
export function defaultConfig(root: string): ProjectConfig {
  return {
    file: null,
    root,
    dev: null,
    defaultEnv: null,
    envs: [],
    health: {},
    paths: {
      schema: join(root, 'schema'),
      migrations: join(root, 'generated', 'migrations'),
      docs: join(root, 'generated', 'docs'),
      data: join(root, 'data'),
      templates: null,
    },
  };
}
