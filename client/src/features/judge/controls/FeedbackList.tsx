import {
  type CoupleRow,
  type EventSettings,
  type Feedback,
  type FeedbackSide,
  feedbackButtons,
  feedbackProblem,
  feedbackSet,
  type HeatEntryView,
  overallOptions,
  type ScaleOption,
  type Score,
  toggleFeedback,
  toggleOverall,
} from '@ondeck/shared';
import { memo, useMemo, useState } from 'react';
import { Notice } from '../../../components/Notice.tsx';
import {
  Back,
  ballroomStart,
  CommentBox,
  CommentToggle,
  CoupleText,
  type MarkChanger,
  markKey,
  rowClass,
  type ScaleProps,
  useCommentSaver,
  useMarkChanger,
} from './common.tsx';

const SIDES: Array<{ side: FeedbackSide; label: string }> = [
  { side: 'good', label: 'Good job with' },
  { side: 'bad', label: 'Needs work on' },
];

interface RowProps {
  row: CoupleRow;
  ballroom: string | null;
  mark: Score | undefined;
  settings: EventSettings;
  overall: ScaleOption[] | null;
  buttons: Feedback[];
  change: MarkChanger;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

const FeedbackRow = memo(function FeedbackRow({
  row,
  ballroom,
  mark,
  settings,
  overall,
  buttons,
  change,
  comment,
  disabled,
}: RowProps) {
  const { entry } = row;
  const [open, setOpen] = useState(false);
  const back = entry.couple.back ?? entry.couple.names;
  const off = disabled || entry.scratched;
  const chosen = { good: feedbackSet(mark?.good), bad: feedbackSet(mark?.bad) };
  return (
    <>
      {ballroom ? <li className="jf-room">Ballroom {ballroom}</li> : null}
      <li className={rowClass(row, 'jf-row')} data-testid="couple">
        <div className="jf-couple">
          <Back entry={entry} assigned={row.assigned} />
          <CoupleText entry={entry} settings={settings} />
          {settings.judgeComments ? (
            <CommentToggle
              open={open}
              has={Boolean(mark?.comments)}
              back={back}
              disabled={off}
              toggle={() => setOpen(!open)}
            />
          ) : null}
        </div>
        <div className="jf-marks">
          {overall ? (
            <fieldset className="jf-group jf-overall" disabled={off}>
              <legend className="visually-hidden">Overall</legend>
              <span className="jf-label" aria-hidden="true">
                Overall
              </span>
              <div className="jf-buttons">
                {overall.map((option) => (
                  <button
                    key={option.value}
                    type="button"
                    className="jf-button"
                    aria-pressed={mark?.value === option.value}
                    aria-label={`${option.name}, couple ${back}`}
                    onClick={() =>
                      change(entry, (previous) => ({ value: toggleOverall(previous?.value, option.value) }))
                    }
                  >
                    {option.label}
                  </button>
                ))}
              </div>
            </fieldset>
          ) : null}
          {SIDES.map(({ side, label }) => (
            <fieldset key={side} className={`jf-group jf-${side}`} disabled={off}>
              <legend className="visually-hidden">{label}</legend>
              <span className="jf-label" aria-hidden="true">
                {label}
              </span>
              <div className="jf-buttons">
                {buttons.map((button) => (
                  <button
                    key={button.abbr}
                    type="button"
                    className="jf-button"
                    aria-pressed={chosen[side].has(button.abbr)}
                    aria-label={`${label} ${button.value}, couple ${back}`}
                    title={button.abbr}
                    onClick={() => change(entry, (previous) => toggleFeedback(previous, side, button.abbr))}
                  >
                    {button.value}
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
          {settings.judgeComments && (open || mark?.comments) ? (
            <CommentBox
              label={`Comment for ${back}`}
              stored={mark?.comments}
              save={(text) => comment(entry, text)}
              disabled={off}
            />
          ) : null}
        </div>
      </li>
    </>
  );
});

/**
 * Feedback scales: `+` good/needs-work grids; `&` and `@` add an Overall mark (1–5 or medals)
 * that clears when tapped again.
 */
export function FeedbackList({
  program,
  heat,
  slot,
  rows,
  marks,
  editor,
  scale,
}: ScaleProps & { scale: '+' | '&' | '@' }) {
  const { settings } = program;
  // NOTE: stable props keep a tap's re-render to the one row that changed.
  const buttons = useMemo(() => feedbackButtons(program.feedbacks.values(), scale), [program.feedbacks, scale]);
  const problem = feedbackProblem(buttons);
  const overall = useMemo(() => (scale === '+' ? null : overallOptions(scale)), [scale]);
  const change = useMarkChanger(editor, heat, slot);
  const comment = useCommentSaver(editor, heat, slot);
  return (
    <>
      {problem ? (
        <Notice tone="error" title="The feedback buttons are not set up right">
          {problem} Ask the organiser to fix them; until then feedback cannot be stored.
        </Notice>
      ) : null}
      <ul className="jf-list">
        {rows.map((row, index) => (
          <FeedbackRow
            key={row.entry.heat.id}
            row={row}
            ballroom={ballroomStart(rows, index, heat.view.ballrooms.length > 1)}
            mark={marks.get(markKey(heat, slot, row.entry))}
            settings={settings}
            overall={overall}
            buttons={buttons}
            change={change}
            comment={comment}
            disabled={!editor || problem !== null}
          />
        ))}
      </ul>
    </>
  );
}
