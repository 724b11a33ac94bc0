import {
  type Feedback,
  type FeedbackSide,
  feedbackButtons,
  feedbackProblem,
  feedbackSet,
  overallOptions,
  type ScaleOption,
  toggleFeedback,
  toggleOverall,
} from '@ondeck/shared';
import { type ReactNode, useMemo } from 'react';
import { Notice } from '../../../components/Notice.tsx';
import type { ScaleProps } from './common.tsx';
import { type MarkControlsProps, MarksTable } from './MarksTable.tsx';

const SIDES: Array<{ side: FeedbackSide; label: string }> = [
  { side: 'good', label: 'Good job with' },
  { side: 'bad', label: 'Needs work on' },
];

interface FeedbackOptions {
  /** The Overall choices (1–5 or medals), null for the `+` scale. */
  overall: ScaleOption[] | null;
  buttons: Feedback[];
}

/** A label and its row of buttons: Overall, Good job with, Needs work on. */
function FeedbackGroup({
  kind,
  label,
  off,
  children,
}: {
  kind: 'overall' | FeedbackSide;
  label: string;
  off: boolean;
  children: ReactNode;
}) {
  return (
    <fieldset className={`feedback-group feedback-${kind}`} disabled={off}>
      <legend className="visually-hidden">{label}</legend>
      <span className="feedback-label" aria-hidden="true">
        {label}
      </span>
      <div className="feedback-buttons">{children}</div>
    </fieldset>
  );
}

/** The Overall choices, then the good and needs-work buttons. */
function FeedbackGroups({ entry, mark, options, change, off, back }: MarkControlsProps<FeedbackOptions>) {
  const { overall, buttons } = options;
  const chosen = { good: feedbackSet(mark?.good), bad: feedbackSet(mark?.bad) };
  return (
    <>
      {overall ? (
        <FeedbackGroup kind="overall" label="Overall" off={off}>
          {overall.map((option) => (
            <button
              key={option.value}
              type="button"
              className="tap-button tap-button-large"
              aria-pressed={mark?.value === option.value}
              aria-label={`${option.name}, couple ${back}`}
              onClick={() => change(entry, (previous) => ({ value: toggleOverall(previous?.value, option.value) }))}
            >
              {option.label}
            </button>
          ))}
        </FeedbackGroup>
      ) : null}
      {SIDES.map(({ side, label }) => (
        <FeedbackGroup key={side} kind={side} label={label} off={off}>
          {buttons.map((button) => (
            <button
              key={button.abbr}
              type="button"
              className="tap-button"
              aria-pressed={chosen[side].has(button.abbr)}
              aria-label={`${label} ${button.value}, couple ${back}`}
              title={button.abbr}
              onClick={() => change(entry, (previous) => toggleFeedback(previous, side, button.abbr))}
            >
              {button.value}
            </button>
          ))}
        </FeedbackGroup>
      ))}
    </>
  );
}

/**
 * Feedback scales: `+` good/needs-work grids; `&` and `@` add an Overall mark (1–5 or medals)
 * that clears when tapped again.
 */
export function FeedbackList(props: ScaleProps & { scale: '+' | '&' | '@' }) {
  const { program, scale } = props;
  // NOTE: stable props keep a tap's re-render to the one row that changed.
  const buttons = useMemo(() => feedbackButtons(program.feedbacks.values(), scale), [program.feedbacks, scale]);
  const problem = feedbackProblem(buttons);
  const options = useMemo(() => ({ overall: scale === '+' ? null : overallOptions(scale), buttons }), [scale, buttons]);
  return (
    <>
      {problem ? (
        <Notice tone="error" title="The feedback buttons are not set up right">
          {problem} Ask the organiser to fix them; until then feedback cannot be stored.
        </Notice>
      ) : null}
      <MarksTable {...props} layout="stacked" Marks={FeedbackGroups} options={options} locked={problem !== null} />
    </>
  );
}
