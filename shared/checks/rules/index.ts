/** Every rule of PRODUCT.md's table, one file each. */
import type { RuleDefinition } from '../types.ts';

export const ALL_RULES: readonly RuleDefinition[] = [];
