export * from './errors';
export * from './topo-sort';
export * from './stable-json';
export * from './url';
export * from './suggest';
export * from './format';
export * from './glob';
