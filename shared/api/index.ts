export * from './types.ts';
export * from './dashboard.ts';
