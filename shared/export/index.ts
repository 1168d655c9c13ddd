/** Exports of a postmortem: JSON here, Markdown in shared/markdown/export.ts. */
export * from './json.ts';
export * from './file-name.ts';
export { exportPostmortemMarkdown } from '../markdown/export.ts';
