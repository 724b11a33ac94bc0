import { type KeyboardEvent, useState } from 'react';
import { Field } from '../../../components/Field.tsx';

/**
 * A typed-in value, written when the field is left or Enter is pressed — never per keystroke,
 * so a name being typed is one change, not twenty. `commit` writes a valid value and answers
 * null, or answers what is wrong, which the field shows in place of its hint until it is fixed.
 */
export function CommitField({
  label,
  value,
  commit,
  hint,
  name,
  numeric,
  disabled,
}: {
  label: string;
  value: string;
  commit: (text: string) => string | null;
  hint?: string;
  name?: string;
  numeric?: boolean;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = () => {
    if (draft === null) return;
    const trimmed = draft.trim();
    const answer = trimmed === value ? null : commit(trimmed);
    setProblem(answer);
    if (answer === null) setDraft(null);
  };
  const shown = problem ?? hint;
  return (
    <Field label={label} {...(shown ? { hint: shown } : {})}>
      {(control) => (
        <input
          {...control}
          {...(name ? { name } : {})}
          inputMode={numeric ? 'numeric' : undefined}
          value={draft ?? value}
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={done}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              done();
            }
          }}
        />
      )}
    </Field>
  );
}

/** A check for `CommitField`: a whole number within bounds, or what is wrong. */
export function wholeNumberProblem(text: string, min: number, max: number, unit: string): string | null {
  const value = Number(text);
  return /^\d+$/.test(text) && value >= min && value <= max ? null : `A whole number of ${unit} from ${min} to ${max}.`;
}
