export * from './types';
export * from './keys';
export * from './normalize-expression';
export * from './programmable';
export * from './type-objects';
