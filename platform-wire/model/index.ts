export * from './enterprise';
export * from './certificate';
export * from './application';
export * from './evaluation';
export * from './hall';
export * from './materials-link';
export * from './captured-page';
export * from './person';
