export * from './types';
export * from './table-shape';
export * from './keys';
export * from './normalize-expression';
export * from './programmable';
export * from './type-objects';
export * from './implicit-names';
export * from './integrity';
