export * from './ids';
export * from './limits';
export * from './errors';
export * from './metrics';
export * from './providers';
export * from './inputs';
export type * from './events';
export type * from './views';
export type * from './stats';
