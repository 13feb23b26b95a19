import { expect } from 'chai';
import {
  buildDocsModel,
  buildGraph,
  clusterNodes,
  connectedComponents,
  defaultDiagramLimits,
  packGroups,
  renderDocs,
  splitCommunities,
} from '../../src/generators';
import { expectGolden } from './golden';
import { largeCatalog } from './large-catalog';
import { present } from '../support/present';

/** The Mermaid blocks of a Markdown page. */
export const mermaidBlocks = (page: string): string[] => [...page.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => present(m[1]));

/** Entities a diagram draws: `  id["label"]` lines (with or without an attribute block). */
export const entitiesOf = (diagram: string): string[] => [...diagram.matchAll(/^ {2}\S+\["(.*)"\](?: \{)?$/gm)].map((m) => present(m[1]));

/** The area of each table, from the area pages and the README's whole-schema sections. */
function splitSummary(model: ReturnType<typeof buildDocsModel>): string {
  return (
    model.areas
      .map(
        (a) =>
          `${a.name} [${a.kind}, ${a.tableCount} tables, ${a.detail}, ${a.diagram.length} chars, ${a.linksOut} out, ${a.linksIn} in]\n${a.tables.map((t) => `  ${t.label}`).join('\n')}`,
      )
      .join('\n') + '\n'
  );
}

describe('generators/docs on a large schema (600 tables, several components)', function () {
  this.timeout(120_000);
  const catalog = largeCatalog();
  const model = buildDocsModel(catalog, 'Large');
  const files = renderDocs(catalog, { title: 'Large' });

  it('has 600 tables in 6 components, isolated tables and lookups', () => {
    expect(catalog.tables).to.have.length(600);
  });

  it('splits into areas as the golden files say (README, area pages, the split)', () => {
    const golden = new Map([...files].filter(([p]) => p === 'README.md' || p.startsWith('areas/')));
    golden.set('split.txt', splitSummary(model));
    expect(golden.size).to.be.greaterThan(10);
    expectGolden('large', golden);
  });

  it('keeps every diagram under the size cap: 40,000 characters and 40 tables', () => {
    let diagrams = 0;
    for (const [path, page] of files) {
      for (const d of mermaidBlocks(page)) {
        diagrams++;
        expect(d.length, `${path}: characters`).to.be.at.most(defaultDiagramLimits.maxChars);
        if (!/^ {2}area_\d+\[/m.test(d)) expect(entitiesOf(d).length, `${path}: tables`).to.be.at.most(defaultDiagramLimits.maxTables);
      }
    }
    expect(diagrams).to.be.greaterThan(600);
  });

  it('puts every table in exactly one area; a component is split only when larger than a diagram, never merged with another', () => {
    const seen = new Map<string, string>();
    for (const a of model.areas)
      for (const t of a.tables) {
        expect(seen.has(t.label), `${t.label} in ${seen.get(t.label)} and ${a.name}`).to.equal(false);
        seen.set(t.label, a.name);
      }
    expect(seen.size).to.equal(600);
    for (const a of model.areas) {
      const components = new Set(a.tables.map((t) => /^(c\d+)_/.exec(t.label)?.[1] ?? t.label.split('_')[0]));
      // Small pieces (isolated tables) are packed together; pieces of components of 12+ tables stay apart.
      if (a.tableCount >= 10) expect([...components], a.name).to.have.length(1);
    }
    // The 12- and 30-table components fit one diagram each, whole.
    expect(model.areas.find((a) => a.tables.some((t) => t.label.startsWith('c6_')))!.tableCount).to.equal(12);
    expect(model.areas.find((a) => a.tables.some((t) => t.label.startsWith('c5_')))!.tableCount).to.equal(30);
    expect(model.areas.filter((a) => a.tables.some((t) => t.label.startsWith('c1_'))).length).to.be.within(6, 12);
  });

  it('draws the overview as a map of areas with link counts, and lists cross-area links below each area diagram', () => {
    const readme = files.get('README.md')!;
    expect(readme).to.include('## Map of areas');
    expect(model.areaMap).to.match(/ \|\|--o\{ area_\d+ : "\d+ foreign keys?"/);
    const page = files.get(present(model.areaPages[0]).path!)!;
    expect(page).to.include('## Links to other areas');
    expect(page).to.match(/\| references \| \[/);
  });

  it('draws small neighbourhoods at depth 2 and large ones at depth 1 within the caps', () => {
    const tables = model.schemas.flatMap((s) => s.tables);
    expect(tables.filter((t) => t.diagramDepth === 2).length).to.be.greaterThan(50);
    expect(tables.filter((t) => t.diagramDepth === 1).length).to.be.greaterThan(50);
    // The first table of the largest component is referenced by every module: a hub.
    const hub = tables.find((t) => t.name.startsWith('c1_') && t.name.endsWith('_001'))!;
    expect(hub.referencedBy.length).to.be.greaterThan(10);
  });

  it('follows the declared areas first (declarations win over yaml patterns) and splits an area too large for one diagram', () => {
    const m = buildDocsModel(catalog, 'Large', {
      areas: {
        patterns: [
          { name: 'Lookups', tables: ['ref.*'] },
          { name: 'Fifth', tables: ['big.c5_*'] },
          { name: 'Second', tables: ['c2_*'] },
        ],
        tables: [{ schema: 'ref', table: 'lookup_1', area: 'Fifth' }],
      },
    });
    const byName = new Map(m.areas.map((a) => [a.name, a]));
    expect(byName.get('Lookups')!.tableCount).to.equal(7);
    expect(byName.get('Fifth')!.tableCount).to.equal(31);
    expect(byName.get('Fifth')!.kind).to.equal('declared');
    const second = m.areas.filter((a) => a.name.startsWith('Second ('));
    expect(second.length).to.be.greaterThan(3);
    expect(second.reduce((n, a) => n + a.tableCount, 0)).to.equal(150);
    expect(m.areaPages.map((a) => a.path)).to.include('areas/Lookups.md');
  });
});

describe('generators/docs clusters', function () {
  this.timeout(60_000);
  // Two 5-cliques joined by one edge, and two isolated nodes.
  const clique = (o: number) => [0, 1, 2, 3, 4].flatMap((i) => [0, 1, 2, 3, 4].filter((j) => j > i).map((j) => [o + i, o + j] as const));
  const g = buildGraph(12, [...clique(0), ...clique(5), [4, 5]]);

  it('finds connected components', () => {
    expect(connectedComponents(g, [...Array(12).keys()])).to.deep.equal([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10], [11]]);
  });

  it('splits a component along its communities under the size cap', () => {
    expect(splitCommunities(g, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 6, 2)).to.deep.equal([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
    // A cap below a community's size splits it too; no part is over the cap.
    for (const part of splitCommunities(g, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 1)) expect(part.length).to.be.at.most(3);
  });

  it('packs small pieces together and keeps groups whole', () => {
    expect(packGroups([[1], [2, 3], [4, 5, 6], [7]], 4)).to.deep.equal([
      [1, 4, 5, 6],
      [2, 3, 7],
    ]);
    expect(clusterNodes(g, [...Array(12).keys()], 6)).to.deep.equal([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
      [10, 11],
    ]);
    expect(clusterNodes(g, [...Array(12).keys()], 20)).to.deep.equal([[...Array(12).keys()]]);
  });
});
