/** Markdown postmortems: reading the template's layout (and its real-world variants) into a snapshot, and writing it. */
export { parsePostmortemMarkdown, type ParsedPostmortem } from './parse.ts';
export { locateFinding, locateOffset, type SourcePoint, type SourcePositions, type SourceRun } from './positions.ts';
export { headingMeaning, type Part } from './headings.ts';
export { MarkdownNestingError, MAX_NESTING, nestingDepth, TOO_DEEP } from './nesting.ts';
export { exportPostmortemMarkdown, formatUtcTime } from './export.ts';
