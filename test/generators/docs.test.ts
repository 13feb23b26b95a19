import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCell, compareDocs, escapeCell, fileSafe, GENERATED_MARKER, mermaidString, mermaidWord, renderDocs } from '../../src/generators';
import type { Catalog } from '../../src/model';
import { smallCatalog } from './small-catalog';
import { expectGolden } from './golden';

describe('generators/docs', () => {
  it('renders the small catalog as the golden files', () => {
    const files = renderDocs(smallCatalog, { title: 'Small | test' });
    expect([...files.keys()]).to.deep.equal(['README.md', 'enums/app.status.md', 'tables/My~20Schema.a~2Eb~20~22c~22.md', 'tables/app.users.md']);
    for (const content of files.values()) expect(content.startsWith(GENERATED_MARKER)).to.equal(true);
    expectGolden('small', files);
  });

  it('is deterministic: same bytes for the same catalog, whatever the input order', () => {
    const shuffled: Catalog = { ...smallCatalog, schemas: [...smallCatalog.schemas].reverse(), constraints: [...smallCatalog.constraints].reverse() };
    const a = renderDocs(smallCatalog);
    const b = renderDocs(shuffled);
    expect([...a.entries()]).to.deep.equal([...b.entries()]);
  });

  it('escapes names Mermaid cannot take and Markdown table pipes', () => {
    expect(mermaidWord('a.b "c"')).to.equal('a_b_c');
    expect(mermaidWord('numeric(10,2)')).to.equal('numeric(10_2)');
    expect(mermaidWord('timestamp with time zone')).to.equal('timestamp_with_time_zone');
    expect(mermaidWord('1st')).to.equal('_1st');
    expect(mermaidString('say "hi"')).to.equal('"say #quot;hi#quot;"');
    expect(escapeCell('a | b\nc <x>')).to.equal('a \\| b<br>c &lt;x&gt;');
    expect(codeCell('a`b|c')).to.equal('``a`b\\|c``');
    expect(fileSafe('a.b/c d')).to.equal('a~2Eb~2Fc~20d');
    const page = renderDocs(smallCatalog).get('tables/My~20Schema.a~2Eb~20~22c~22.md')!;
    const diagram = page.slice(page.indexOf('```mermaid'));
    expect(diagram).to.include('My_Schema__a_b_c["a.b #quot;c#quot;"] {');
    expect(diagram).to.include('numeric(10_2) pi_pe');
    expect(diagram).to.include('app__users |o..o{ My_Schema__a_b_c : "user_id"'.replace('|o', '||'));
    expect(page).to.include('| `pi\\|pe` |');
  });

  it('draws per-schema diagrams with key columns only past the limit, and no overview for large catalogs', () => {
    const files = renderDocs(smallCatalog, { limits: { overviewMaxTables: 1, fullColumnsMaxTables: 0 } });
    const readme = files.get('README.md')!;
    expect(readme).not.to.include('## Entity-relationship diagram');
    expect(readme).to.include('erDiagram');
    expect(readme).not.to.include('text email_lower');
    expect(renderDocs(smallCatalog).get('README.md')).to.include('## Entity-relationship diagram');
  });

  it("uses a project's own templates, falling back to the defaults for the others", () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemakit-templates-'));
    try {
      mkdirSync(join(dir, 'partials'));
      writeFileSync(join(dir, 'enum.md.hbs'), 'ENUM {{qualifiedName}}: {{join values " / "}}\n');
      writeFileSync(join(dir, 'partials', 'indexes.hbs'), 'INDEXES {{indexes.length}}\n');
      const files = renderDocs(smallCatalog, { templatesDir: dir });
      expect(files.get('enums/app.status.md')).to.equal(`${GENERATED_MARKER}\n\nENUM app.status: new / it's | done\n`);
      expect(files.get('tables/app.users.md')).to.include('INDEXES 1').and.to.include('## Columns');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compareDocs names missing, stale and extra generated files, and ignores unmarked ones', () => {
    const rendered = new Map([
      ['README.md', `${GENERATED_MARKER}\nx`],
      ['tables/a.md', `${GENERATED_MARKER}\ny`],
    ]);
    const existing = new Map([
      ['README.md', `${GENERATED_MARKER}\nold`],
      ['tables/gone.md', `${GENERATED_MARKER}\nz`],
      ['notes.md', 'mine'],
    ]);
    expect(compareDocs(rendered, existing)).to.deep.equal({ missing: ['tables/a.md'], stale: ['README.md'], extra: ['tables/gone.md'] });
  });
});
