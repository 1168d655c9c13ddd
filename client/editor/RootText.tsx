/** A rich-text field bound to one of the document's rich-text roots. */
import type { RichTextRoot } from '../../shared/schema/index.ts';
import { useDoc } from './DocContext.tsx';
import { RichTextField } from './RichTextField.tsx';

const PLACEHOLDERS: Record<RichTextRoot, string> = {
  summary: 'What broke, who was affected, and for how long…',
  impact: 'e.g. 12% of checkout requests failed for 47 minutes.',
  detection: 'How long until we knew? Which signal was missing, late or unwatched?',
  control: 'Which guardrail failed or was absent?',
  prevention: 'What makes this failure impossible, or much smaller, next time?',
  trigger: 'The event that set things off, by role and system.',
  systemGap: 'Which condition of the system let the trigger become an incident?',
};

/** The editor of `root`, with the stable test id `rich-<root>`. */
export function RootText({ root, label }: { root: RichTextRoot; label: string }) {
  const { roots } = useDoc();
  return (
    <RichTextField
      fragment={roots.richText(root)}
      checkField={{ kind: 'root', root }}
      label={label}
      placeholder={PLACEHOLDERS[root]}
      testId={`rich-${root}`}
    />
  );
}
