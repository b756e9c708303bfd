export * from './rules';
export type * from './facts';
export * from './references';
