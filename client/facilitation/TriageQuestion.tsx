/** One question of the Just Culture triage as a yes / no / unsure radio group. */
import { TRIAGE_ANSWERS } from '../../shared/api/types.ts';
import { TRIAGE_QUESTIONS, type TriageAnswer } from '../../shared/api/triage.ts';

export type QuestionKey = keyof typeof TRIAGE_QUESTIONS;

/** The questions in the order PRODUCT.md asks them. */
export const QUESTION_ORDER: readonly QuestionKey[] = ['malice', 'knowingViolation', 'substitution'];

const ANSWER_LABEL: Record<TriageAnswer, string> = { yes: 'Yes', no: 'No', unsure: 'Unsure' };

interface Props {
  question: QuestionKey;
  number: number;
  /** Prefix for the radio group's name, unique per form. */
  formId: string;
  value: TriageAnswer | null;
  onChange: (answer: TriageAnswer) => void;
}

/** A fieldset whose legend is the question, with one radio per answer. */
export function TriageQuestion({ question, number, formId, value, onChange }: Props) {
  return (
    <fieldset className="triage-question" data-testid={`triage-question-${question}`}>
      <legend className="triage-question__legend">
        <span className="triage-question__number" aria-hidden="true">
          {number}
        </span>
        <span>{TRIAGE_QUESTIONS[question]}</span>
      </legend>
      <div className="triage-question__options">
        {TRIAGE_ANSWERS.map((answer) => (
          <label key={answer} className="choice">
            <input
              type="radio"
              name={`${formId}-${question}`}
              value={answer}
              checked={value === answer}
              data-testid={`triage-${question}-${answer}`}
              onChange={() => onChange(answer)}
            />
            <span>{ANSWER_LABEL[answer]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
