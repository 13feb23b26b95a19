/** Generators: artefacts rendered from a Catalog (Markdown docs and ERDs). */
export * from './docs';
export * from './pull';
