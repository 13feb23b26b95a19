import { expect } from 'chai';
import { join, relative, sep } from 'node:path';
import { Project } from 'ts-morph';

/** Which src/ modules each module may import (STYLE.md's table; the pipeline only flows one way). */
const allowed: Record<string, readonly string[]> = {
  util: [],
  model: ['util'],
  sql: ['model', 'util'],
  declare: ['model', 'sql', 'util'],
  load: ['declare', 'model', 'util'],
  db: ['util'],
  introspect: ['model', 'db', 'util'],
  diff: ['model', 'sql', 'util'],
  plan: ['model', 'sql', 'diff', 'util'],
  migrate: ['plan', 'db', 'model', 'sql', 'diff', 'introspect', 'util'],
  // pull writes declarations: it applies declare's implicit-name rules to know which names it may leave out.
  generators: ['model', 'sql', 'util', 'declare'],
  data: ['model', 'db', 'sql', 'util', 'declare', 'diff', 'plan', 'introspect'],
  config: ['util'],
  health: ['model', 'sql', 'db', 'util'],
  // backup reads the package version through load/package-root (a plain file, not load's barrel with the compiler).
  backup: ['db', 'introspect', 'migrate', 'sql', 'util', 'load'],
  check: ['model', 'sql', 'db', 'util'],
  pipeline: ['model', 'sql', 'declare', 'load', 'db', 'introspect', 'diff', 'plan', 'migrate', 'util', 'config', 'data'],
  // fleet sits above pipeline: it runs the same stages per target (migrate's runner and lock, introspect + plan per state, check and health).
  fleet: ['config', 'pipeline', 'db', 'migrate', 'introspect', 'diff', 'plan', 'declare', 'model', 'sql', 'check', 'health', 'util'],
  cli: ['*'],
};

const root = join(__dirname, '..', '..', '..');

describe('architecture', () => {
  const project = new Project({ tsConfigFilePath: join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(join(root, 'src', '**', '*.ts'));
  const files = project.getSourceFiles().filter((f) => !f.getFilePath().endsWith('.test.ts'));

  it('modules import only the modules they may (one-way pipeline)', () => {
    const violations: string[] = [];
    for (const f of files) {
      const rel = relative(join(root, 'src'), f.getFilePath()).split(sep);
      if (rel.length < 2) continue; // src/index.ts is the package surface
      const from = rel[0];
      const may = allowed[from];
      if (!may) {
        violations.push(`${rel.join('/')}: module "${from}" is not in the architecture table`);
        continue;
      }
      for (const imp of f.getImportDeclarations()) {
        const spec = imp.getModuleSpecifierValue();
        if (!spec.startsWith('.')) continue;
        const target = relative(join(root, 'src'), join(f.getDirectoryPath(), spec)).split(sep)[0];
        if (target === from || target.startsWith('..') || may.includes('*')) continue;
        if (!may.includes(target)) violations.push(`${rel.join('/')} imports ${target} (${spec})`);
      }
    }
    expect(violations).to.deep.equal([]);
  });

  it('only src/cli prints or exits', () => {
    const offenders: string[] = [];
    for (const f of files) {
      const rel = relative(join(root, 'src'), f.getFilePath());
      if (rel.startsWith('cli' + sep)) continue;
      const text = f.getFullText();
      for (const bad of ['console.log', 'console.error', 'process.exit', 'process.stdout.write', 'process.stderr.write']) {
        // load/evaluate.ts does not exit: it replaces process.exit while schema files run, so that one calling it fails.
        if (bad === 'process.exit' && rel === join('load', 'evaluate.ts')) continue;
        if (text.includes(bad)) offenders.push(`${rel}: ${bad}`);
      }
    }
    expect(offenders).to.deep.equal([]);
  });
});
