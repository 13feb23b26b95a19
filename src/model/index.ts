export * from './types';
export * from './keys';
export * from './normalize-expression';
export * from './type-objects';
