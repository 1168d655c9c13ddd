/** Small decorative icons, drawn with currentColor; always hidden from assistive technology. */

/** A closed (or open) padlock. */
export function LockIcon({ open = false, className = 'icon' }: { open?: boolean; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path
        d={open ? 'M5.5 7V4.8a2.5 2.5 0 0 1 4.9-.7' : 'M5.5 7V4.8a2.5 2.5 0 0 1 5 0V7'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
