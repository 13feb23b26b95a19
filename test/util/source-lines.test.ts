import { expect } from 'chai';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ts from 'typescript';
import { forgetGeneratedSources, mappedPosition, registerGeneratedSource } from '../../src/util';

const tsSource = [
  "import { table, text } from 'schemakit';",
  'type Row = { id: number };',
  '',
  'export const users = table(',
  "  'users',",
  '  {',
  "    name: text().notNull().default('x'),",
  '  },',
  '  (t: Row) => [t.id],',
  ');',
  'export const later = (a: number): number => a * 2;',
].join('\n');

describe('util/source-lines: mapped positions of registered files', () => {
  it('agrees with Node’s source map for every generated line and column', () => {
    const file = path.join(__dirname, 'dir with space', 'users.ts');
    const out = ts.transpileModule(tsSource, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
    });
    const base64 = /base64,([A-Za-z0-9+/=]+)/.exec(out.outputText)?.[1] ?? '';
    const payload = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as { sources: string[] };
    // Node resolves the sources against the module's URL when it caches a map (sourcesToAbsolute).
    const node = new SourceMap({ ...payload, sources: payload.sources.map((s) => new URL(s, `file://${file}`).href) } as never);
    forgetGeneratedSources();
    registerGeneratedSource(file, out.outputText);
    const lines = out.outputText.split('\n');
    let compared = 0;
    lines.forEach((text, i) => {
      for (let col = 1; col <= text.length + 1; col++) {
        const entry = node.findEntry(i, col - 1) as { originalSource?: string; originalLine?: number };
        const want =
          entry.originalSource === undefined || entry.originalLine === undefined
            ? { file, line: i + 1 }
            : { file: fileURLToPath(entry.originalSource), line: entry.originalLine + 1 };
        expect(mappedPosition(file, i + 1, col), `${i + 1}:${col}`).to.deep.equal(want);
        compared++;
      }
    });
    expect(compared).to.be.greaterThan(200);
  });

  it('leaves unregistered files and files without an inline map to Node', () => {
    forgetGeneratedSources();
    expect(mappedPosition('/nowhere/a.js', 1, 1)).to.equal(undefined);
    registerGeneratedSource('/nowhere/b.js', 'module.exports = 1;\n');
    expect(mappedPosition('/nowhere/b.js', 1, 1)).to.equal(undefined);
  });
});
