/**
 * action-not-system-change: action items (and prevention) that ask people to try harder — be more
 * careful, pay attention, remind, retrain, double-check, "ensure engineers…". Not when the action
 * changes a system: "add an automated double-check in the deploy pipeline", "add a banner that
 * reminds the operator", "retrain the fraud model".
 */
import { analysed, boundaryBetween, has, type Token } from '../language/analysis.ts';
import { namesIn, type NameSpan } from '../language/names.ts';
import { q, scanSentences, type SentenceHit } from '../language/scan.ts';
import { PERSON_NOUNS } from '../language/lexicon.ts';
import { classifyHead } from '../language/subjects.ts';
import type { RuleDefinition, TextUnit } from '../types.ts';

type Kind = 'care' | 'remind' | 'training' | 'check' | 'ensure' | 'obligation' | 'follow' | 'talk';

interface Cue {
  readonly kind: Kind;
  readonly from: number;
  readonly to: number;
}

const CARE_ADJ = /^(?:careful|cautious|vigilant|aware|mindful|attentive|diligent|thorough|alert|conscientious)$/;
const INTENSIFIERS = /^(?:more|extra|very|especially|particularly|a|bit|lot|much|even|really|super|always|greater|additional|special|particular|closer|close|better|careful|full)$/;
const SYSTEM_VERBS = new Set(
  `add adds added adding build builds create creates implement implements automate automates introduce introduces set sets configure
   configures enforce enforces require requires block blocks gate gates alert alerts page pages route routes show shows display displays
   prompt prompts replace replaces remove removes migrate migrates deploy install installs enable enables disable disables wire
   integrate integrates extend extends change changes switch switches move moves split splits limit limits validate validates reject
   rejects lint lints generate generates provision provisions make makes publish publishes post posts`.split(/\s+/),
);
const AUTOMATION = /^(?:automated|automatic|automatically|bot|bots|scheduled|slack|calendar|pipeline|ci|linter|hook|pre-commit|cron|banner|prompt|popup|pop-up|tool|tooling|script|cli|ui|console|check|checks|gate|system|job|step|workflow|dashboard|notification|notifications|webhook|alert|alerts)$/;
const RELIEF = /^(?:longer|without|instead|rather|replace|replaces|replacing|remove|removes|removing|eliminate|eliminates|eliminating)$/;
const ML_WORDS = /^(?:model|models|classifier|classifiers|dataset|datasets|data|ml|embedding|embeddings|weights|detector|ranker|predictor|network|algorithm)$/;
const EFFORT_VERBS = /^(?:verify|check|double-check|confirm|review|follow|read|remember|pay|take|watch|look|avoid|inspect|consult|ask|validate|think|consider|slow|double|re-check|recheck|triple-check|ensure|make|communicate|coordinate|notify|announce|test|monitor|escalate|acknowledge|respond|stay|keep|wait|be)$/;
// Systems that training can be the purpose of ("a training cluster", "a sandbox for training").
const TRAINING_SYSTEMS = /^(?:environment|environments|env|envs|cluster|clusters|sandbox|sandboxes|lab|labs|data|dataset|datasets|pipeline|pipelines|job|jobs|model|models|set|sets|mode|account|accounts|instance|instances|run|runs|namespace|namespaces|replica|replicas|copy|copies|database|databases|tenant|tenants|workspace|workspaces|stack|stacks|project|projects|server|servers|vm|vms|machine|machines|infrastructure|hardware|gpus?)$/;
const PROCEDURES = /^(?:runbook|runbooks|process|processes|procedure|procedures|checklist|checklists|guidelines|guideline|policy|policies|steps|playbook|playbooks|rules|standards|protocol)$/;

function personAt(tokens: readonly Token[], k: number, names: readonly NameSpan[]): { person: boolean; end: number } {
  // The noun phrase starting at k (determiners, adjectives, nouns), classified by its head.
  let j = k;
  let head = -1;
  while (tokens[j] && (has(tokens[j], 'Determiner') || has(tokens[j], 'Adjective') || has(tokens[j], 'Noun') || has(tokens[j], 'Pronoun') || PERSON_NOUNS.has(tokens[j]!.norm) || /^(?:all|every|each|on-call)$/.test(tokens[j]!.norm))) {
    if (has(tokens[j], 'Verb') && !has(tokens[j], 'Noun') && !PERSON_NOUNS.has(tokens[j]!.norm) && head >= 0) break;
    if (!has(tokens[j], 'Determiner') && !/^(?:all|every|each)$/.test(tokens[j]!.norm)) head = j;
    j += 1;
    if (tokens[j - 1]!.possessive) continue;
  }
  if (head < 0) return { person: false, end: j };
  return { person: classifyHead(tokens, head, names, k) === 'person', end: j };
}

function findCues(tokens: readonly Token[], names: readonly NameSpan[]): Cue[] {
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const w = t.norm;
    const next = tokens[i + 1];
    if (w === 'be' || w === 'stay' || w === 'remain') {
      let k = i + 1;
      while (tokens[k] && INTENSIFIERS.test(tokens[k]!.norm) && !CARE_ADJ.test(tokens[k]!.norm) && k < i + 4) k += 1;
      if (tokens[k] && CARE_ADJ.test(tokens[k]!.norm)) cues.push({ kind: 'care', from: i, to: k });
    } else if (w === 'take' || w === 'taking' || w === 'takes') {
      let k = i + 1;
      while (tokens[k] && INTENSIFIERS.test(tokens[k]!.norm) && k < i + 3) k += 1;
      if (tokens[k]?.norm === 'care') cues.push({ kind: 'care', from: i, to: k });
    } else if (/^(?:pay|pays|paying)$/.test(w)) {
      let k = i + 1;
      while (tokens[k] && INTENSIFIERS.test(tokens[k]!.norm) && k < i + 3) k += 1;
      if (tokens[k]?.norm === 'attention') cues.push({ kind: 'care', from: i, to: k });
    } else if (/^(?:remind|reminds|reminded|reminding|reminder|reminders)$/.test(w)) {
      cues.push({ kind: 'remind', from: i, to: i });
    } else if (/^(?:retrain|re-train|retrained|re-trained|retraining|re-training|training|trainings|trained|refresher|educate|educated|educating|education|coach|coaching|coached|awareness|upskill|upskilling|onboarding)$/.test(w)) {
      if (w === 'onboarding' && !/^(?:session|sessions|training|course)$/.test(next?.norm ?? '')) continue;
      // "a training environment", "training data", "a staging environment for training": the
      // training names what a system is for, not people to be trained.
      if (TRAINING_SYSTEMS.test(next?.norm ?? '')) continue;
      if (/^(?:for|of)$/.test(tokens[i - 1]?.norm ?? '') && TRAINING_SYSTEMS.test(tokens[i - 2]?.norm ?? '') && !boundaryBetween(tokens[i - 2]!, tokens[i - 1]!)) continue;
      cues.push({ kind: 'training', from: i, to: i });
    } else if (w === 'train' && next && personAt(tokens, i + 1, names).person) {
      cues.push({ kind: 'training', from: i, to: i });
    } else if (/^(?:double-check|double-checks|double-checked|double-checking|triple-check|re-check|recheck)$/.test(w) || (w === 'double' && /^(?:check|checks|checking)$/.test(next?.norm ?? '')) || (w === 'check' && next?.norm === 'twice')) {
      cues.push({ kind: 'check', from: i, to: w === 'double' || w === 'check' ? i + 1 : i });
    } else if ((w === 'ensure' || w === 'ensures' || (w === 'make' && next?.norm === 'sure')) && tokens[i + 1]) {
      let k = w === 'make' ? i + 2 : i + 1;
      if (tokens[k]?.norm === 'that') k += 1;
      const p = personAt(tokens, k, names);
      if (p.person) cues.push({ kind: 'ensure', from: i, to: w === 'make' ? i + 1 : i });
      else if (w === 'make' && k === i + 2 && !tokens[k]) cues.push({ kind: 'ensure', from: i, to: i + 1 });
    } else if (w === 'make' && next && personAt(tokens, i + 1, names).person) {
      const p = personAt(tokens, i + 1, names);
      if (tokens[p.end] && CARE_ADJ.test(tokens[p.end]!.norm)) cues.push({ kind: 'care', from: i, to: p.end });
    } else if (/^(?:follow|follows|following|adhere|stick)$/.test(w)) {
      // "follow the (change management) process", "adhere to the runbook"
      for (let k = i + 1; k < Math.min(tokens.length, i + 6); k += 1) {
        if (PROCEDURES.test(tokens[k]!.norm)) {
          cues.push({ kind: 'follow', from: i, to: k });
          break;
        }
        if (!(has(tokens[k], 'Determiner') || has(tokens[k], 'Adjective') || has(tokens[k], 'Noun') || tokens[k]!.norm === 'to') || boundaryBetween(tokens[k - 1]!, tokens[k]!)) break;
      }
    } else if (/^(?:talk|talks|speak|discuss|meet|sit|counsel|discipline)$/.test(w)) {
      let k = i + 1;
      if (tokens[k]?.norm === 'down') k += 1;
      if (/^(?:to|with)$/.test(tokens[k]?.norm ?? '')) k += 1;
      if (personAt(tokens, k, names).person) cues.push({ kind: 'talk', from: i, to: k });
    } else if (w === 'hold' && personAt(tokens, i + 1, names).person) {
      const p = personAt(tokens, i + 1, names);
      if (tokens[p.end]?.norm === 'accountable') cues.push({ kind: 'talk', from: i, to: p.end });
    } else if (/^(?:ask|asks|tell|instruct|request|encourage|expect)$/.test(w) && next) {
      // "Ask engineers to review the runbook quarterly"
      const p = personAt(tokens, i + 1, names);
      if (p.person && tokens[p.end]?.norm === 'to' && EFFORT_VERBS.test(tokens[p.end + 1]?.norm ?? '')) cues.push({ kind: 'obligation', from: i, to: p.end + 1 });
    } else if (/^(?:remember|forget)$/.test(w) && next?.norm === 'to') {
      cues.push({ kind: 'remind', from: i, to: i + 1 });
    } else if (/^(?:emphasi[sz]e|emphasi[sz]es|reiterate|reinforce|stress)$/.test(w)) {
      cues.push({ kind: 'remind', from: i, to: i });
    } else if (/^(?:must|should|shall|will|need|needs|have|has|are|is|expected|required)$/.test(w) && i > 0) {
      // "Engineers must verify backups manually", "The on-call engineer will double-check…"
      const subjectEnd = i;
      let s = i - 1;
      while (s > 0 && !/[,;:]/.test(tokens[s - 1]!.post) && (has(tokens[s - 1], 'Determiner') || has(tokens[s - 1], 'Adjective') || has(tokens[s - 1], 'Noun') || /^(?:all|every|each)$/.test(tokens[s - 1]!.norm))) s -= 1;
      if (!tokens[s] || s >= subjectEnd) continue;
      const p = personAt(tokens, s, names);
      if (!p.person || p.end !== subjectEnd) continue;
      let k = i + 1;
      if (/^(?:need|needs|have|has|are|is|expected|required)$/.test(w)) {
        if (/^(?:expected|required)$/.test(tokens[k]?.norm ?? '')) k += 1;
        if (tokens[k]?.norm !== 'to') continue;
        k += 1;
      }
      while (tokens[k] && (has(tokens[k], 'Adverb') || /^(?:always|now|manually|also)$/.test(tokens[k]!.norm))) k += 1;
      const verb = tokens[k];
      if (!verb || !EFFORT_VERBS.test(verb.norm)) continue;
      if (verb.norm === 'be' && !CARE_ADJ.test(tokens[k + 1]?.norm ?? '') && !INTENSIFIERS.test(tokens[k + 1]?.norm ?? '')) continue;
      cues.push({ kind: 'obligation', from: s, to: k });
    }
  }
  return cues;
}

/** Whether a cue sits inside a system change ("add an automated double-check…") or is relieved ("no longer need to remember"). */
function excused(tokens: readonly Token[], cue: Cue): boolean {
  // Only the cue's own clause counts: "Add an alert and remind the team at standup" still asks people.
  let clause = 0;
  for (let k = cue.from - 1; k > 0; k -= 1) {
    if (/^(?:and|then|also|plus)$/.test(tokens[k]!.norm) || /[,;:]/.test(tokens[k - 1]!.post)) {
      clause = k;
      break;
    }
  }
  const before = tokens.slice(clause, cue.from);
  const near = tokens.slice(Math.max(0, cue.from - 3), cue.from).map((t) => t.norm);
  if (before.some((t) => RELIEF.test(t.norm)) || near.some((w) => /^(?:no|not|never|n't)$/.test(w))) return true;
  // "Training alone will not prevent…", "reminders are not enough": the sentence rejects the people fix.
  const following = tokens.slice(cue.to + 1, cue.to + 5).map((t) => t.norm).join(' ');
  if (/^(?:alone|by itself|on its own)\b|^(?:is|are|was|were|will) not (?:enough|sufficient|prevent)|^(?:isn't|aren't|won't)/.test(following)) return true;
  if (cue.kind === 'training') {
    const all = tokens.map((t) => t.norm);
    return all.some((w) => ML_WORDS.test(w));
  }
  const modifiers = before.slice(-2).map((t) => t.norm);
  if (modifiers.some((w) => AUTOMATION.test(w))) return true; // "an automated reminder", "a pipeline double-check"
  if (cue.kind === 'remind' || cue.kind === 'check') {
    // Embedded in a change to the system: "Add a banner that reminds…", "Build a double-check into the CLI".
    const systemVerbBefore = before.some((t) => SYSTEM_VERBS.has(t.norm) && has(t, 'Verb'));
    if (systemVerbBefore) return true;
    // The reminder is made by a system: "the CLI reminds the operator…"
    const subject = before.slice(-3).map((t) => t.norm);
    if (subject.some((w) => AUTOMATION.test(w))) return true;
    const after = tokens.slice(cue.to + 1, cue.to + 6).map((t) => t.norm);
    if (cue.kind === 'check' && after.some((w) => /^(?:pipeline|ci|tool|cli|script|automation|automatically|bot)$/.test(w)) && /^(?:in|into|to|by)$/.test(tokens[cue.to + 1]?.norm ?? '')) return true;
  }
  return false;
}

const SUGGESTIONS: Record<Kind, string> = {
  care: 'Change what people work with so care is not the safeguard, e.g. “Show the target cluster and require typing its name before a migration runs.”',
  remind: 'Make the system carry it instead of memory: a check or prompt in the tool at the moment it matters, e.g. “The deploy CLI shows the target cluster and asks to confirm it.”',
  training: 'Build the knowledge into the system: a guided runbook step in the tool, a safer default, or an automated check.',
  check: 'Automate the check, e.g. “Add a pre-flight step to the deploy pipeline that verifies the target before applying changes.”',
  ensure: 'Give the step to a control, default, automation or interface: what would make the right step the easy (or only) one?',
  obligation: 'Give the step to a control, default, automation or interface, e.g. “Run the backup verification automatically every week and page on failure.”',
  follow: 'Encode the procedure: make the tool walk through the runbook steps, or block the unsafe path.',
  talk: 'Keep conversations about individuals in the private Just Culture triage; here, name the control, default, automation or interface to change.',
};

/** One finding per sentence (an action item asks once), at its first cue, naming every cue. */
function check(sentence: string, tokens: readonly Token[], names: readonly NameSpan[]): SentenceHit[] {
  const cues = findCues(tokens, names)
    .filter((c) => !excused(tokens, c))
    .sort((a, b) => a.from - b.from);
  const first = cues[0];
  if (!first) return [];
  const words = [...new Set(cues.map((c) => sentence.slice(tokens[c.from]!.start, tokens[c.to]!.end)))];
  const listed = words.map((w) => q(w)).join(' and ');
  return [
    {
      start: tokens[first.from]!.start,
      end: tokens[first.to]!.end,
      message: `${listed} ${words.length > 1 ? 'ask' : 'asks'} people to try harder instead of changing the system.`,
      suggestion: SUGGESTIONS[first.kind],
    },
  ];
}

const TRIGGER = /\b(?:ask|tell|instruct|request|encourage|expect)|careful|cautious|vigilant|aware|mindful|attentive|diligent|thorough|alert|conscientious|care\b|attention|remind|remember|forget|train|educat|coach|refresher|upskill|onboarding|check|ensure|sure|follow|adhere|stick|talk|speak|discuss|meet|sit|counsel|discipline|accountable|emphasi|reiterate|reinforce|stress|must|should|shall|will|need|have to|has to|expected|required/i;

export const rule: RuleDefinition = {
  id: 'action-not-system-change',
  severity: 'error',
  reason: 'Every action item changes a control, default, automation or interface; “be more careful” or “retrain” is not an action item.',
  check(ctx) {
    return scanSentences(
      ctx,
      {
        key: 'action-not-system-change',
        sections: ['actions', 'prevention'],
        unitFilter: (unit: TextUnit) => unit.field.kind !== 'action' || unit.field.field === 'action',
      },
      (sentence) => {
        if (!TRIGGER.test(sentence)) return [];
        const a = analysed(ctx.memo, sentence);
        return check(sentence, a.tokens, namesIn(ctx.memo, a));
      },
    );
  },
};
