export * from './rules';
export type * from './facts';
export * from './evaluate';
export * from './references';
