/**
 * Which part of the template a heading (or a "Label:" line before the first section) names.
 *
 * The mapping, decided once:
 * - summary: Summary, Executive summary, Overview, Incident summary, TL;DR, Description, Background
 * - timeline: What happened (timeline), What happened, Timeline, Incident timeline, Chronology,
 *   Sequence of events
 * - impact: Impact, Customer / User / Business impact, Scope, Blast radius, Impact & metrics
 * - detection: Detection gap, Detection, Detection & response, Monitoring, Alerting
 * - control: Control gap, Controls, Control failure, Guardrails, Safeguards
 * - factors: Contributing factors, Root cause(s), Root cause analysis, Causes, What went wrong,
 *   Analysis, Five whys (several conditions, not one cause: every "root cause" becomes factors)
 * - trigger / system gap / defenses: the CONTRACT's sub-parts, at any heading level
 * - actions: Action items, Actions, Follow-ups, Remediation(s), Corrective actions, Next steps
 * - prevention: How do we prevent recurrence?, Prevention, Lessons learned, Learnings, Takeaways
 * - known but not part of the template (reported as unmapped): What went well, Where we got lucky,
 *   Resolution, Recovery, Mitigation, Supporting information, Appendix, Participants, ...
 */
import type { SectionId } from '../schema/sections.ts';

/** A template section, or one of the sub-parts the CONTRACT allows as `###` headings. */
export type Part = SectionId | 'trigger' | 'systemGap' | 'defenses';

/** What a heading names: a part, a heading we know is not part of the template, or nothing we know. */
export type HeadingMeaning = Part | 'ignored' | null;

const EXACT: Record<string, Part | 'ignored'> = {};
function names(part: Part | 'ignored', list: string): void {
  for (const name of list.split('|')) EXACT[name] = part;
}
names('summary', 'summary|executive summary|overview|incident summary|issue summary|tl;dr|tldr|abstract|description|incident description|background|synopsis');
names('timeline', 'what happened (timeline)|what happened|timeline|incident timeline|timeline of events|chronology|sequence of events|detailed timeline|events|event timeline');
names('impact', 'impact|customer impact|user impact|business impact|impact assessment|scope|blast radius|scope and impact|impact and scope|impact and metrics|who was affected');
names('detection', 'detection gap|detection|detection and response|how was it detected|how it was detected|monitoring|alerting|detection and alerting|time to detect');
names('control', 'control gap|control gaps|controls|control failure|what failed|guardrails|safeguards');
names('factors', 'contributing factors|contributing factor|root cause|root causes|root cause analysis|causes|cause|causal factors|what went wrong|why it happened|analysis|incident analysis|factors|root causes and trigger|five whys|5 whys|contributing causes');
names('trigger', 'trigger|triggers|triggering event|proximate cause');
names('systemGap', 'system gap|system gaps|systemic gap|systemic gaps|systemic issues|latent conditions|underlying conditions');
names('defenses', 'defenses|defences|layers of defense|layers of defence');
names('actions', 'action items|action item|actions|follow-ups|follow ups|followups|follow-up items|follow up items|follow-up actions|remediation|remediations|remediation items|remediation actions|corrective actions|corrective and preventative actions|corrective and preventive actions|corrective and preventative measures|next steps|action plan|tasks|todo|to do|work items|repair items');
names('prevention', 'how do we prevent recurrence|prevention|preventing recurrence|recurrence prevention|prevent recurrence|lessons learned|lessons learnt|learnings|key learnings|takeaways|key takeaways|preventive measures|preventative measures|what we will do differently|how we prevent this|looking forward');
names('ignored', 'what went well|where we got lucky|what went right|what can be improved|resolution|recovery|mitigation|mitigation and resolution|resolution and recovery|supporting information|appendix|glossary|references|links|related incidents|participants|attendees|people|authors|contributors|reviewers|status|metadata|document history|questions|open questions|notes|guidelines|table of contents|contents');

/** Tried in order when no exact name matches (e.g. "Timeline (all times UTC)", "Root Causes and Trigger"). */
const FALLBACKS: readonly (readonly [RegExp, Part | 'ignored'])[] = [
  [/what went (well|right)|got lucky/, 'ignored'],
  [/timeline|chronolog/, 'timeline'],
  [/action items?|follow[- ]?ups?|remediation|corrective|next steps/, 'actions'],
  [/prevent|lessons? learn|learnings|takeaways/, 'prevention'],
  [/contributing|root cause|causal|what went wrong/, 'factors'],
  [/\btrigger/, 'trigger'],
  [/system(ic)? gaps?|latent condition/, 'systemGap'],
  [/defen[cs]es/, 'defenses'],
  [/detect/, 'detection'],
  [/control gaps?|guardrail|safeguard/, 'control'],
  [/impact/, 'impact'],
  [/summary|overview/, 'summary'],
];

/** Lower case, without numbering, emoji, trailing punctuation and "(s)". */
export function normalizeHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/^\s*(?:\d+(?:\.\d+)*|[ivx]+|[a-h])[.)]\s+/, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/\(s\)/g, 's')
    .replace(/&/g, ' and ')
    .replace(/[\s:?.!]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part a heading names; 'ignored' for known non-template headings; null when unknown. */
export function headingMeaning(text: string): HeadingMeaning {
  const name = normalizeHeading(text);
  if (name === '') return null;
  const exact = EXACT[name] ?? EXACT[name.replace(/\s*\([^)]*\)\s*/g, ' ').trim()];
  if (exact) return exact;
  for (const [re, part] of FALLBACKS) if (re.test(name)) return part;
  return null;
}

/** The template section a part belongs to (sub-parts belong to the section that holds them). */
export function sectionOf(part: Part): SectionId {
  if (part === 'trigger' || part === 'systemGap') return 'factors';
  if (part === 'defenses') return 'control';
  return part;
}

/** Header fields that may be written as "Label: value" lines or front-matter keys. */
export type HeaderField = 'title' | 'severity' | 'services' | 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt' | 'date' | 'timezone';

const HEADER_FIELDS: Record<string, HeaderField> = {};
function fields(field: HeaderField, list: string): void {
  for (const name of list.split('|')) HEADER_FIELDS[name] = field;
}
fields('title', 'title|incident title');
fields('severity', 'severity|sev|level|incident severity|priority');
fields('services', 'services|service|tags|tag|components|component|systems|affected services|affected systems|services affected|service(s) affected|services/tags');
fields('startedAt', 'started|start|started at|startedat|start time|incident start|incident started|began|begin|impact start');
fields('detectedAt', 'detected|detected at|detectedat|detection time|time detected|first alert');
fields('mitigatedAt', 'mitigated|mitigated at|mitigatedat|mitigation time|time mitigated');
fields('resolvedAt', 'resolved|resolved at|resolvedat|ended|end|end time|ended at|incident end|resolution time|time resolved');
fields('date', 'date|incident date|day');
fields('timezone', 'timezone|time zone|tz|zone');

/** The header field a label or front-matter key names, or null. */
export function headerField(label: string): HeaderField | null {
  const key = label
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return HEADER_FIELDS[key] ?? HEADER_FIELDS[key.replace(/ /g, '')] ?? null;
}
