import { expect } from 'chai';
import { dirname, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';
import { schemakitTypes } from '../../src/load/package-root';
import { compileOptions } from '../../src/load/typecheck';

/**
 * What a type check of schema files reads besides them: `schemakit` resolves to the declaration API's types
 * (dist/src/declare/index.d.ts), and every declaration file those import is parsed and bound on every check.
 * One inferred return type written as `import("..")` (the package root) once pulled the whole package's types
 * into it, and through them @types/node, PGlite's, yaml's and csv-parse's (473 files, 3.2 MB, where 129 are
 * needed): a check of four small files cost ~0.9 s of CPU instead of ~0.12 s. Only the folders the declaration
 * API is made of may be reached.
 */
const allowed = ['declare', 'model', 'util'];

describe('architecture: the types a schema file is checked against', function () {
  this.timeout(60_000);

  it(`reach only src/{${allowed.join(',')}} and TypeScript's own lib (no @types/node, no driver, no package root)`, () => {
    const types = schemakitTypes();
    const options = compileOptions(ts, types);
    const program = ts.createProgram({ rootNames: [types], options });
    const libDir = resolve(dirname(ts.getDefaultLibFilePath(options)));
    const srcRoot = dirname(dirname(types)); // dist/src
    const outside = program
      .getSourceFiles()
      .map((f) => resolve(f.fileName))
      .filter((f) => dirname(f) !== libDir)
      .map((f) => relative(srcRoot, f).split(sep).join('/'))
      .filter((f) => !allowed.some((folder) => f.startsWith(`${folder}/`)));
    expect(outside, 'declaration files reached from the declaration API outside its folders').to.deep.equal([]);
    expect(program.getSourceFiles().length, 'files in the program').to.be.lessThan(200);
  });
});
