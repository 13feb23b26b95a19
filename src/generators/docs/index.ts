/** Generated documentation: Markdown pages and Mermaid ERDs rendered from a Catalog through Handlebars templates. */
export { renderDocs, compareDocs, GENERATED_MARKER, type RenderDocsOptions, type DocsDrift } from './render-docs';
export {
  buildDocsModel,
  defaultDiagramLimits,
  type DocsModel,
  type DocsModelOptions,
  type DiagramLimits,
  type SchemaView,
  type EnumView,
  type TablePage,
  type TableStat,
  type ReferenceDataFact,
} from './docs-model';
export { type DocsAreas, type Area, type AreaKind } from './areas';
export { type AreaView, type AreaRef, type CrossLinkView } from './area-views';
export { buildGraph, connectedComponents, splitCommunities, packGroups, clusterNodes, type Graph } from './clusters';
export { loadDocsTemplates, defaultTemplatesDir, type DocsTemplates } from './templates';
export { escapeCell, escapeText, codeCell, fileSafe, tablePath, enumPath, typePath } from './markdown';
export { renderErDiagram, mermaidWord, mermaidString, type MermaidEntity, type MermaidRelation } from './mermaid';
export { renderSite, defaultSiteTemplatesDir, schemaPage, type RenderSiteOptions } from './render-site';
