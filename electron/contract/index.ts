export * from './result';
export * from './api';
export * from './api/system';
export * from './events';
export * from './channels';
export type * from './bridge';
export * from './domain/enterprise';
