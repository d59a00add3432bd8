export * from './find-order';
export * from './resolve';
export * from './uncertain';
export * from './resolve-batch';
