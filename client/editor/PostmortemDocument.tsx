/** The document column: header fields, then the eight sections in the template's order. */
import type { ReactNode } from 'react';
import { SECTIONS, type SectionId } from '../../shared/schema/index.ts';
import { FiveLayers } from '../pictures/FiveLayers.tsx';
import { SwissCheese } from '../pictures/SwissCheese.tsx';
import { TimeBar } from '../pictures/TimeBar.tsx';
import { ActionItems } from './ActionItems.tsx';
import { Defenses } from './Defenses.tsx';
import { Factors } from './Factors.tsx';
import { HeaderFields } from './HeaderFields.tsx';
import { RootText } from './RootText.tsx';
import { Section } from './Section.tsx';
import { Timeline } from './Timeline.tsx';

function SubHeading({ children }: { children: ReactNode }) {
  return <h3 className="doc-subheading">{children}</h3>;
}

const BODIES: Record<SectionId, () => ReactNode> = {
  summary: () => <RootText root="summary" label="Summary" />,
  timeline: () => (
    <>
      <TimeBar />
      <Timeline />
    </>
  ),
  impact: () => <RootText root="impact" label="Impact" />,
  detection: () => <RootText root="detection" label="Detection gap" />,
  control: () => (
    <>
      <RootText root="control" label="Control gap" />
      <SubHeading>Defenses</SubHeading>
      <Defenses />
      <SwissCheese />
    </>
  ),
  factors: () => (
    <>
      <SubHeading>Trigger</SubHeading>
      <RootText root="trigger" label="Trigger" />
      <SubHeading>Factors</SubHeading>
      <Factors />
      <SubHeading>System gap</SubHeading>
      <RootText root="systemGap" label="System gap" />
      <FiveLayers />
    </>
  ),
  actions: () => <ActionItems />,
  prevention: () => <RootText root="prevention" label="How do we prevent recurrence?" />,
};

/** Everything that is written down. */
export function PostmortemDocument() {
  return (
    <article className="doc" aria-label="Postmortem document">
      <HeaderFields />
      {SECTIONS.map((section) => (
        <Section key={section.id} id={section.id}>
          {BODIES[section.id]()}
        </Section>
      ))}
    </article>
  );
}
