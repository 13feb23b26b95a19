import { expect } from 'chai';
import { commentlessHash, hasCommentDirectives } from '../../src/load/strip-comments';

describe('load: commentlessHash (comments blanked out without the parser)', () => {
  // [case, before, after, same hash]: same when only comments changed and no code moved.
  const pairs: [string, string, string, boolean][] = [
    ['a line comment edited', 'export const a = 1; // one\n', 'export const a = 1; // two, longer\n', true],
    ['a comment added at the end', 'export const a = 1;\n', 'export const a = 1;\n// edit 1\n', true],
    ['a block comment of the same length before code', '/* ab */ export const a = 1;\n', '/* cd */ export const a = 1;\n', true],
    ['a block comment over lines, same lines', '/*\n a\n*/\nexport const a = 1;\n', '/*\n bb b\n*/\nexport const a = 1;\n', true],
    ['a comment inside a template expression', 'const s = `x ${f(/* a */ 1)} y`;\n', 'const s = `x ${f(/* b */ 1)} y`;\n', true],
    ['code moved down a line', 'export const a = 1;\n', '// x\nexport const a = 1;\n', false],
    ['code moved along its line', '/* a */ export const a = 1;\n', '/* ab */ export const a = 1;\n', false],
    ['"//" inside a template is text', 'const s = sql`a // b`;\n', 'const s = sql`a // c`;\n', false],
    ['"//" after a template expression is text', 'const s = sql`${t.a} // b ${t.b}`;\n', 'const s = sql`${t.a} // c ${t.b}`;\n', false],
    ['"/*" inside a string is text', "const s = '/* a */';\n", "const s = '/* b */';\n", false],
    ['a nested template', 'const s = `${`// ${x}`}`;\n', 'const s = `${`// ${y}`}`;\n', false],
    ['braces inside a template expression', 'const s = `${ {a: 1}.a } // x`;\n', 'const s = `${ {a: 1}.a } // y`;\n', false],
  ];
  for (const [name, a, b, same] of pairs) {
    it(`${same ? 'same' : 'differ'}: ${name}`, () => {
      expect(commentlessHash(a)).to.be.a('string');
      expect(commentlessHash(b) === commentlessHash(a)).to.equal(same);
    });
  }

  const unread: [string, string][] = [
    ['a regular expression', 'const r = /a/;\n'],
    ['a division', 'const x = 1 / 2;\n'],
    ['an unterminated string', "const s = 'a\n';\n"],
    ['an unterminated comment', 'const s = 1; /* a\n'],
    ['an unterminated template', 'const s = `a ${b}\n'],
  ];
  for (const [name, text] of unread) it(`null: ${name}`, () => expect(commentlessHash(text)).to.equal(null));

  it('comment directives', () => {
    expect(hasCommentDirectives('// @ts-ignore\nx;')).to.equal(true);
    expect(hasCommentDirectives('/// <reference path="a.ts" />\n')).to.equal(true);
    expect(hasCommentDirectives('//# sourceMappingURL=x.map\n')).to.equal(true);
    expect(hasCommentDirectives('// a comment\nexport const a = 1;\n')).to.equal(false);
  });
});
