export * from './roots.ts';
export * from './sections.ts';
export * from './document.ts';
export * from './snapshot.ts';
export * from './time.ts';
export * from './from-snapshot.ts';
