/**
 * Keeps a text input's caret where the person left it when someone else's edit replaces the
 * value: positions before the changed span stay, positions after it shift by the length change.
 */
export function mapCaret(before: string, after: string, position: number): number {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  if (position <= prefix) return position;
  if (position >= before.length - suffix) return position + (after.length - before.length);
  return after.length - suffix;
}

/** Sets an input's value from a remote change without moving the person's caret. */
export function applyRemoteValue(input: HTMLInputElement, value: string): void {
  const before = input.value;
  if (before === value) return;
  const focused = input.ownerDocument.activeElement === input;
  const start = input.selectionStart;
  const end = input.selectionEnd;
  input.value = value;
  if (focused && start !== null && end !== null) {
    input.setSelectionRange(mapCaret(before, value, start), mapCaret(before, value, end));
  }
}
