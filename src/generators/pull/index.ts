/** Pull: declaration files (`schema/*.ts`) written from a catalog with ts-morph, the inverse of loading them. */
export { renderPull, type RenderPullOptions } from './render-pull';
export { comparePulled, type PullDrift } from './compare-pulled';
export type { PullLayout } from './pull-names';
