/** Findings about a whole section (e.g. "The timeline has no entries"), as a badge by its title. */
import type { SectionId } from '../../shared/schema/sections.ts';
import { CheckBadge } from './CheckBadge.tsx';
import { useChecksContext, useSectionChecks } from './ChecksContext.tsx';

export function SectionChecks({ section, title }: { section: SectionId; title: string }) {
  const context = useChecksContext();
  const findings = useSectionChecks(section);
  if (!context) return null;
  return <CheckBadge findings={findings} context={`the section ${title}`} className="check-badge--section" />;
}
