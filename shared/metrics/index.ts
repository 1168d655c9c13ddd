export * from './types.ts';
export * from './summary.ts';
export * from './time.ts';
export * from './definitions.ts';
export * from './series.ts';
export * from './lists.ts';
export * from './similarity.ts';
