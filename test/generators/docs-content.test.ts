import { expect } from 'chai';
import { renderDocs, renderSite } from '../../src/generators';
import type { Catalog } from '../../src/model';
import { smallCatalog } from './small-catalog';
import { present } from '../support/present';

/** The small catalog plus a domain and a composite type used by columns, a collation and an event trigger. */
const catalog: Catalog = {
  ...smallCatalog,
  domains: [
    {
      kind: 'Domain',
      schema: 'app',
      name: 'email',
      type: 'text',
      collation: null,
      default: null,
      notNull: true,
      checks: [{ name: 'email_check', expression: "(VALUE ~~ '%@%'::text)" }],
      comment: 'An address',
    },
  ],
  compositeTypes: [
    {
      kind: 'CompositeType',
      schema: 'app',
      name: 'money',
      attributes: [
        { name: 'amount', type: 'numeric', collation: null },
        { name: 'contact', type: 'app.email', collation: null },
      ],
      comment: null,
    },
  ],
  collations: [
    {
      kind: 'Collation',
      schema: 'app',
      name: 'german',
      provider: 'icu',
      locale: 'de-DE',
      lcCollate: null,
      lcCtype: null,
      deterministic: false,
      comment: 'Phone book',
    },
  ],
  routines: [],
  eventTriggers: [
    {
      kind: 'EventTrigger',
      name: 'no_drops',
      event: 'sql_drop',
      tags: ['DROP TABLE'],
      functionSchema: 'app',
      functionName: 'forbid',
      enabled: 'O',
      comment: 'Guard',
    },
  ],
  tables: smallCatalog.tables.map((t) =>
    t.name === 'users'
      ? {
          ...t,
          columns: [
            ...t.columns,
            { ...present(t.columns[1]), name: 'contact', type: 'app.email', collation: null },
            { ...present(t.columns[1]), name: 'budget', type: 'app.money[]', collation: null },
          ],
        }
      : t,
  ),
};

describe('generators/docs content', () => {
  const files = renderDocs(catalog, {
    stats: [{ schema: 'app', table: 'users', rows: 12345, bytes: 3 * 1024 * 1024 }],
    referenceData: [{ schema: 'app', table: 'users', file: 'data/app/users.csv', rows: 42, mode: 'sync' }],
  });
  const users = files.get('tables/app.users.md')!;
  const readme = files.get('README.md')!;

  it('links columns of a domain or composite type to its page, which says where it is used', () => {
    expect(users).to.include('| `contact` | `app.email` ([app.email](../types/app.email.md))');
    expect(users).to.include('`app.money[]` ([app.money](../types/app.money.md))');
    const domain = files.get('types/app.email.md')!;
    expect(domain).to.include('# Domain `app.email`').and.include("| `email_check` | `(VALUE ~~ '%@%'::text)` |");
    expect(domain).to.include('| [users](../tables/app.users.md) | column | `contact` | `app.email` |');
    expect(domain).to.include('| [money](../types/app.money.md) | attribute | `contact` | `app.email` |');
    expect(files.get('types/app.money.md')).to.include('| 2 | `contact` | `app.email` ([app.email](../types/app.email.md)) |');
    expect(readme).to.include('| [email](types/app.email.md) | `text` |');
  });

  it('has sections for collations and event triggers', () => {
    expect(readme).to.include('| Collation | Provider | Locale | Deterministic | Description |');
    expect(readme).to.include('| `german` | icu | `de-DE` | no | Phone book |');
    expect(readme).to.include('## Event triggers');
    expect(readme).to.include('| `no_drops` | `sql_drop` | `DROP TABLE` | `app.forbid()` | enabled | Guard |');
  });

  it('shows row estimates and sizes, and reference data with its CSV file and row count', () => {
    expect(users).to.include('Rows (estimate): ~12.3k rows · size: 3.0 MB (with indexes and TOAST).');
    expect(users).to.include('Reference data: its rows are kept in `data/app/users.csv` (42 rows, mode sync) and loaded with the schema.');
    expect(readme).to.match(/\| \[users\]\(tables\/app\.users\.md\) \| 7 \| ~12\.3k rows \| 3\.0 MB \|/);
    expect(renderDocs(catalog).get('tables/app.users.md')).not.to.include('Rows (estimate)');
  });

  it('the HTML index counts views and functions; the site has the type pages', () => {
    const site = renderSite(catalog);
    expect(site.get('index.html')).to.include('<th class="num">Views</th><th class="num">Functions</th>').and.include('0 views, 0 functions');
    expect(site.get('index.html')).to.include('<h2>Event triggers</h2>');
    expect(site.get('schemas/app.html')).to.include('<h2>Collations</h2>').and.include('<a href="../types/app.email.html">email</a>');
    expect(site.get('tables/app.users.html')).to.include('(<a href="../types/app.email.html">app.email</a>)');
    expect(site.has('types/app.money.html')).to.equal(true);
  });

  it('gives a declared area a page, and the tables and README link to it', () => {
    const split = renderDocs(catalog, { areas: { patterns: [{ name: 'People', tables: ['app.*'] }] } });
    expect(split.get('areas/People.md')).to.include('# Area People').and.include('Declared in the project');
    expect(split.get('tables/app.users.md')).to.include('› [People](../areas/People.md)');
    expect(split.get('README.md')).to.include('## Areas').and.include('| [People](areas/People.md) | 1 |');
  });
});
