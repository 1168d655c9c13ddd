/** Every rule of PRODUCT.md's table, one file each. One import and one entry per rule, sorted by id. */
import { rule as actionKindMissing } from './action-kind-missing.ts';
import { rule as actionUntracked } from './action-untracked.ts';
import { rule as impactWithoutNumbers } from './impact-without-numbers.ts';
import { rule as preventionEmpty } from './prevention-empty.ts';
import { rule as sectionEmpty } from './section-empty.ts';
import { rule as shallowAnalysis } from './shallow-analysis.ts';
import { rule as timelineOrder } from './timeline-order.ts';
import type { RuleDefinition } from '../types.ts';

export const ALL_RULES: readonly RuleDefinition[] = [
  actionKindMissing,
  actionUntracked,
  impactWithoutNumbers,
  preventionEmpty,
  sectionEmpty,
  shallowAnalysis,
  timelineOrder,
];
