import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyReadable, mapReferenceTable, readCsvFile, validateRows, validateRowsCopied, type ReferenceTable } from '../../src/data';
import { introspect } from '../../src/introspect';
import type { Problem } from '../../src/util';
import { engines, useFreshDb } from '../support/engines';

/** Files COPY reads (the fast path) and csv-parse reads (validateRows): both must give the same rows, lines and problems. */
const SAME: Record<string, string> = {
  plain: 'a,b\n1,2\n3,4\n',
  'no final newline': 'a,b\n1,2\n3,4',
  crlf: 'a,b\r\n1,2\r\n3,4\r\n',
  cr: 'a,b\r1,2\r3,4\r',
  bom: '\uFEFFa,b\n1,2\n',
  'quoted newlines': 'a,b\n1,"x\ny"\n2,"p\n\nq"\n3,z\n',
  'quoted CRLF inside an LF file': 'a,b\n1,"x\r\ny"\n3,4\n',
  'quoted CR inside a CRLF file': 'a,b\r\n1,"x\ry"\r\n3,"m\r\nn"\r\n4,5\r\n',
  'NULL vs empty string': 'a,b,c\n1,,""\n2,"",\n3,"",""\n',
  'doubled quotes, commas, unicode': 'a,b\n"say ""hi"", ok","ünïcödé ✓ 日本"\n"x""",""""\n',
  'only a header': 'a,b\n',
  'problems: NOT NULL key, duplicates after a quoted newline': 'a,b\n1,"two\nlines"\n,x\n1,y\n"3",z\n3,w\n',
};

/** Files the fast path leaves to csv-parse: copyReadable refuses them (null) or COPY does (validateRowsCopied null). */
const CSV_PARSE_ONLY: Record<string, 'not-readable' | 'copy-refuses'> = {
  'a,b\n1,x"y"z\n': 'not-readable',
  'a,b\n1,"x"y\n': 'not-readable',
  'a,b\n1,"unclosed\n2,3\n': 'not-readable',
  'a,b\n1,2\n\\.\n3,4\n': 'not-readable',
  '"a",b\n1,2\n': 'not-readable',
  'a,b\n1,"x\n"': 'not-readable',
  '': 'not-readable',
  'a,b\n\n1,2\n3\n4,5,6\n': 'copy-refuses',
  'a,b\n1,2\r\n3,4\n': 'copy-refuses',
};

for (const engine of engines) {
  describe(`data: reading reference CSV with COPY, as csv-parse reads it (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);
    const dir = mkdtempSync(join(tmpdir(), 'schemakit-copy-read-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function both(name: string, text: string) {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(path, text);
      const csv = await readCsvFile(path, 'data/t.csv');
      const cols = csv.header.map((h, i) => `${h} text${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ');
      await db().exec(`DROP TABLE IF EXISTS public.t; CREATE TABLE public.t (${cols})`);
      const catalog = await introspect(db());
      const ref: ReferenceTable = { schema: 'public', table: 't', file: 'data/t.csv', path, mode: 'sync', spec: null };
      const m = mapReferenceTable(catalog, ref, csv, [ref], [])!;
      const parsed: Problem[] = [...csv.problems];
      const slow = await validateRows(db(), catalog, m, csv, parsed);
      const bytes = Buffer.from(text);
      const readable = copyReadable(bytes);
      expect(readable, 'COPY reads it').to.not.equal(null);
      const copied: Problem[] = [];
      const fast = await validateRowsCopied(db(), catalog, m, { ...readable!, bytes }, copied);
      return { slow, fast, parsed, copied };
    }

    for (const [name, text] of Object.entries(SAME)) {
      it(`same rows, lines and problems: ${name}`, async () => {
        const { slow, fast, parsed, copied } = await both(name, text);
        expect(fast).to.not.equal(null);
        expect(fast!.rows).to.equal(slow.rows);
        expect(fast!.count).to.equal(slow.count);
        expect(copied).to.deep.equal(parsed);
      });
    }

    it('problems at file:line:col after quoted line breaks', async () => {
      const { copied } = await both('lines', SAME['problems: NOT NULL key, duplicates after a quoted newline'] ?? '');
      expect(copied.map((p) => `${p.location} ${p.code}`).sort()).to.deep.equal(['data/t.csv:4:1 data-not-null', 'data/t.csv:5:1 data-duplicate-key', 'data/t.csv:7:1 data-duplicate-key']);
    });

    it('files of generated shapes: the same rows and lines whenever COPY reads them', async () => {
      const fields = ['x', '', '""', '"q, ""r"""', '"l1\nl2"', '"c\r\nd"', 'ü', '"a\rb"', '7', '"\n"'];
      let fast = 0;
      for (let seed = 1; seed <= 12; seed++) {
        let state = seed;
        const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
        const lines = ['h1,h2,h3'];
        for (let i = 0; i < 40; i++) lines.push([`k${i}`, fields[next() % fields.length], fields[next() % fields.length]].join(','));
        const text = lines.join(next() % 2 ? '\n' : '\r\n') + (next() % 2 ? '\n' : '');
        const { slow, fast: copied, parsed, copied: problems } = await both(`generated-${seed}`, text);
        if (!copied) continue;
        fast++;
        expect(copied.rows, `seed ${seed}`).to.equal(slow.rows);
        expect(problems, `seed ${seed}`).to.deep.equal(parsed);
      }
      expect(fast, 'files COPY read').to.be.greaterThan(6);
    });

    for (const [text, why] of Object.entries(CSV_PARSE_ONLY)) {
      it(`left to csv-parse (${why}): ${JSON.stringify(text)}`, async () => {
        const bytes = Buffer.from(text);
        const readable = copyReadable(bytes);
        if (why === 'not-readable') return void expect(readable).to.equal(null);
        expect(readable).to.not.equal(null);
        await db().exec('DROP TABLE IF EXISTS public.t; CREATE TABLE public.t (a text PRIMARY KEY, b text)');
        const catalog = await introspect(db());
        const ref: ReferenceTable = { schema: 'public', table: 't', file: 'data/t.csv', path: '', mode: 'sync', spec: null };
        const m = mapReferenceTable(catalog, ref, { file: ref.file, header: readable!.header, headerLine: 1, records: [], problems: [] }, [ref], [])!;
        const problems: Problem[] = [];
        expect(await validateRowsCopied(db(), catalog, m, { ...readable!, bytes }, problems)).to.equal(null);
        expect(problems).to.deep.equal([]);
      });
    }
  });
}
