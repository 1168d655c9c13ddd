/**
 * The transaction origin of this person's structured edits. The structured undo manager tracks
 * only this origin, so Undo never reverts what someone else wrote.
 */
export const LOCAL_ORIGIN: { readonly name: 'second-story-local' } = Object.freeze({ name: 'second-story-local' });
