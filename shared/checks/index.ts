export * from './types.ts';
export { runChecks, stableHash } from './engine.ts';
export { createMemo } from './memo.ts';
export { textUnits } from './units.ts';
