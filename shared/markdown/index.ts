/** Markdown postmortems: reading the template's layout (and its real-world variants) into a snapshot. */
export { parsePostmortemMarkdown, type ParsedPostmortem } from './parse.ts';
export { locateFinding, locateOffset, type SourcePoint, type SourcePositions, type SourceRun } from './positions.ts';
export { headingMeaning, type Part } from './headings.ts';
