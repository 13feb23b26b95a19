/** Generated documentation: Markdown pages and Mermaid ERDs rendered from a Catalog through Handlebars templates. */
export { renderDocs, compareDocs, GENERATED_MARKER, type RenderDocsOptions, type DocsDrift } from './render-docs';
export { buildDocsModel, defaultDiagramLimits, type DocsModel, type DiagramLimits, type SchemaView, type EnumView, type TablePage } from './docs-model';
export { loadDocsTemplates, defaultTemplatesDir, type DocsTemplates } from './templates';
export { escapeCell, escapeText, codeCell, fileSafe, tablePath, enumPath } from './markdown';
export { renderErDiagram, mermaidWord, mermaidString, type MermaidEntity, type MermaidRelation } from './mermaid';
export { renderSite, defaultSiteTemplatesDir, schemaPage, type RenderSiteOptions } from './render-site';
