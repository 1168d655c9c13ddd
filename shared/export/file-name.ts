/** File names for downloaded exports, from the title: readable, ASCII, safe on every system. */

/** "checkout-errors-after-a-pool-change.md"; "postmortem.md" when the title has no usable letters. */
export function exportFileName(title: string, extension: 'md' | 'json'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'postmortem'}.${extension}`;
}
