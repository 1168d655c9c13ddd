/** Every rule of PRODUCT.md's table, one file each. One import and one entry per rule, sorted by id. */
import { rule as actionKindMissing } from './action-kind-missing.ts';
import { rule as actionNotSystemChange } from './action-not-system-change.ts';
import { rule as actionUntracked } from './action-untracked.ts';
import { rule as blameQuestion } from './blame-question.ts';
import { rule as counterfactual } from './counterfactual.ts';
import { rule as hindsight } from './hindsight.ts';
import { rule as humanErrorCause } from './human-error-cause.ts';
import { rule as impactWithoutNumbers } from './impact-without-numbers.ts';
import { rule as namedIndividual } from './named-individual.ts';
import { rule as preventionEmpty } from './prevention-empty.ts';
import { rule as sectionEmpty } from './section-empty.ts';
import { rule as shallowAnalysis } from './shallow-analysis.ts';
import { rule as singleRootCause } from './single-root-cause.ts';
import { rule as timelineOrder } from './timeline-order.ts';
import { rule as whyChain } from './why-chain.ts';
import type { RuleDefinition } from '../types.ts';

export const ALL_RULES: readonly RuleDefinition[] = [
  actionKindMissing,
  actionNotSystemChange,
  actionUntracked,
  blameQuestion,
  counterfactual,
  hindsight,
  humanErrorCause,
  impactWithoutNumbers,
  namedIndividual,
  preventionEmpty,
  sectionEmpty,
  shallowAnalysis,
  singleRootCause,
  timelineOrder,
  whyChain,
];
