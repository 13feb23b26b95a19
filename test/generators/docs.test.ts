import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCell, compareDocs, escapeCell, fileSafe, GENERATED_MARKER, mermaidString, mermaidWord, renderDocs } from '../../src/generators';
import { plainColumn, plainTable, type Catalog, type Column, type Table } from '../../src/model';
import { expectGolden } from './golden';

const col = (name: string, type: string, more: Partial<Column> = {}): Column => ({
  kind: 'Column', name, type, notNull: false, default: null, identity: null, generated: null, collation: null, comment: null, ...plainColumn, ...more,
});
const base = { deferrable: false, initiallyDeferred: false, comment: null };
const table = (schema: string, name: string, columns: Column[], comment: string | null = null): Table => ({ kind: 'Table', schema, name, columns, comment, ...plainTable });

/** A small catalog with awkward names: spaces, dots, quotes and pipes, a self reference, a cross-schema key. */
export const smallCatalog: Catalog = {
  kind: 'Catalog',
  views: [],
  routines: [],
  triggers: [],
  eventTriggers: [],
  sequences: [],
  domains: [],
  compositeTypes: [],
  collations: [],
  grants: null,
  schemas: [
    { kind: 'Schema', name: 'app', comment: 'The application | core' },
    { kind: 'Schema', name: 'My Schema', comment: null },
  ],
  extensions: [{ kind: 'Extension', name: 'citext', schema: 'public', version: null, comment: 'case-insensitive text' }],
  enums: [{ kind: 'Enum', schema: 'app', name: 'status', values: ['new', "it's | done"], comment: 'Lifecycle' }],
  tables: [
    table('app', 'users', [
      col('id', 'bigint', { notNull: true, identity: 'always', comment: 'Surrogate key' }),
      col('email', 'text', { notNull: true, collation: '"C"' }),
      col('status', 'app.status', { notNull: true, default: "'new'::app.status" }),
      col('manager_id', 'bigint'),
      col('email_lower', 'text', { generated: 'lower(email)' }),
    ], 'People who sign in.\nSecond line with <b>html</b>.'),
    table('My Schema', 'a.b "c"', [
      col('pi|pe', 'numeric(10,2)', { comment: 'has a | pipe and `ticks`' }),
      col('user_id', 'bigint', { notNull: true }),
    ]),
  ],
  indexes: [
    {
      kind: 'Index', schema: 'app', table: 'users', name: 'users_status_idx', unique: false, method: 'btree',
      keys: [{ column: 'status', expression: null, opclass: null, collation: null, descending: true, nullsFirst: true }, { column: null, expression: 'lower(email)', opclass: null, collation: null, descending: false, nullsFirst: false }],
      include: ['manager_id'], where: "status <> 'new'::app.status", nullsNotDistinct: false, comment: 'Listing | by status',
    },
  ],
  policies: [],
  constraints: [
    { kind: 'ForeignKey', schema: 'My Schema', table: 'a.b "c"', name: 'ab_user_fkey', columns: ['user_id'], refSchema: 'app', refTable: 'users', refColumns: ['id'], onUpdate: 'no-action', onDelete: 'cascade', match: 'simple', ...base, deferrable: true },
    { kind: 'PrimaryKey', schema: 'app', table: 'users', name: 'users_pkey', columns: ['id'], ...base },
    { kind: 'Check', schema: 'app', table: 'users', name: 'users_email_check', expression: "(email ~~ '%@%'::text)", noInherit: false, ...base },
    { kind: 'ForeignKey', schema: 'app', table: 'users', name: 'users_manager_fkey', columns: ['manager_id'], refSchema: 'app', refTable: 'users', refColumns: ['id'], onUpdate: 'no-action', onDelete: 'set-null', match: 'simple', ...base },
    { kind: 'Unique', schema: 'app', table: 'users', name: 'users_email_key', columns: ['email'], nullsNotDistinct: true, ...base },
  ],
};

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
    const rendered = new Map([['README.md', `${GENERATED_MARKER}\nx`], ['tables/a.md', `${GENERATED_MARKER}\ny`]]);
    const existing = new Map([['README.md', `${GENERATED_MARKER}\nold`], ['tables/gone.md', `${GENERATED_MARKER}\nz`], ['notes.md', 'mine']]);
    expect(compareDocs(rendered, existing)).to.deep.equal({ missing: ['tables/a.md'], stale: ['README.md'], extra: ['tables/gone.md'] });
  });
});
