import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamCsv, type CsvRecord } from '../../src/data';
import { parseWhole } from '../../src/data/read-csv';

/** Files whose records and first lines the whole-file fast path must give exactly as the stream does. */
const CASES: Record<string, string> = {
  plain: 'a,b\n1,2\n3,4\n',
  'no final newline': 'a,b\n1,2\n3,4',
  crlf: 'a,b\r\n1,2\r\n3,4\r\n',
  cr: 'a,b\r1,2\r3,4\r',
  bom: '\uFEFFa,b\n1,2\n',
  'quoted newlines': 'a,b\n1,"x\ny"\n2,"p\n\nq"\n3,z\n',
  'quoted CRLF inside an LF file': 'a,b\n1,"x\r\ny"\n3,4\n',
  'quoted CR inside a CRLF file': 'a,b\r\n1,"x\ry"\r\n3,"m\r\nn"\r\n4,5\r\n',
  'empty fields are NULL': 'a,b,c\n1,,\n,2,\n,,\n',
  'empty lines and field counts': 'a,b\n\n1,2\n3\n4,5,6\n\n',
  'doubled quotes, commas, unicode': 'a,b\n"say ""hi"", ok","ünïcödé ✓ 日本"\n"x""",""""\n',
  'only a header': 'a,b\n',
  'header with an empty name': 'a,,c\n1,2,3\n',
};

/** Files the fast path leaves to the stream (a quoted empty field, or a syntax error). */
const STREAM_ONLY: Record<string, string> = {
  'quoted empty at the end': 'a,b\n1,""\n',
  'quoted empty first': 'a,b\n"",1\n',
  'quoted empty after a BOM': '\uFEFF"",b\n1,2\n',
  'quoted empty before CRLF': 'a,b\r\n1,""\r\n',
  'unclosed quote': 'a,b\n1,"x\n2,3\n',
  'quote inside an unquoted field': 'a,b\n1,x"y"z\n',
};

async function streamed(path: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of streamCsv(path)) out.push(r);
  return out;
}

describe('data: reading CSV, the whole-file fast path (no database)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schemakit-read-csv-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(CASES)) {
    it(`gives the stream's records and lines: ${name}`, async () => {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(path, text);
      const whole = parseWhole(Buffer.from(text));
      expect(whole, 'the fast path applies').to.not.equal(null);
      expect(whole).to.deep.equal(await streamed(path));
    });
  }

  for (const [name, text] of Object.entries(STREAM_ONLY)) {
    it(`leaves it to the stream: ${name}`, () => {
      expect(parseWhole(Buffer.from(text))).to.equal(null);
    });
  }

  it('gives the stream\'s records and lines on generated files of many shapes (or leaves them to it)', async () => {
    const fields = ['x', '', 'y\n', 'z\r', '"q, ""r"""', '"l1\nl2"', '"c\r\nd"', 'ü', '"a\rb"', '7'];
    let fast = 0;
    for (let seed = 1; seed <= 40; seed++) {
      let state = seed;
      const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
      const lines = ['h1,h2,h3'];
      for (let i = 0; i < 80; i++) lines.push(Array.from({ length: 1 + (next() % 4) }, () => fields[next() % fields.length]).join(','));
      const text = lines.join(next() % 2 ? '\n' : '\r\n') + (next() % 2 ? '\n' : '');
      const path = join(dir, `generated-${seed}.csv`);
      writeFileSync(path, text);
      const whole = parseWhole(Buffer.from(text));
      const stream = await streamed(path).catch(() => null);
      if (whole === null) continue;
      fast++;
      expect(whole, `seed ${seed}`).to.deep.equal(stream);
    }
    expect(fast, 'files the fast path read').to.be.greaterThan(10);
  });
});
