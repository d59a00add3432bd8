export * from './errors';
export * from './error-map';
export * from './sign';
export * from './nonce';
export * from './numbers';
export * from './environments';
export * from './guards';
