import { type CoupleRow, type EventSettings, type HeatEntryView, parseNumberMark, type Score } from '@ondeck/shared';
import { memo, useCallback, useState } from 'react';
import {
  ballroomStart,
  CommentRow,
  CommentToggle,
  CoupleTableRow,
  changeFor,
  markKey,
  type ScaleProps,
  useCommentSaver,
} from './common.tsx';

interface RowProps {
  row: CoupleRow;
  mark: Score | undefined;
  settings: EventSettings;
  ballroom: string | null;
  columns: number;
  write: (entry: HeatEntryView, value: string | undefined) => void;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

const NumberRow = memo(function NumberRow({
  row,
  mark,
  settings,
  ballroom,
  columns,
  write,
  comment,
  disabled,
}: RowProps) {
  const { entry } = row;
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const back = entry.couple.back ?? entry.couple.names;
  const off = disabled || entry.scratched;
  const shown = text ?? mark?.value ?? '';
  const parsed = parseNumberMark(shown);
  const problemId = `problem-${entry.heat.id}`;
  return (
    <>
      <CoupleTableRow row={row} settings={settings} ballroom={ballroom} columns={columns}>
        <td className="jh-cell-number">
          <input
            className={parsed.ok ? 'jh-number' : 'jh-number jh-invalid'}
            inputMode="numeric"
            autoComplete="off"
            maxLength={3}
            value={shown}
            disabled={off}
            aria-label={`Mark for couple ${back}`}
            aria-invalid={parsed.ok ? undefined : true}
            aria-describedby={parsed.ok ? undefined : problemId}
            onChange={(event) => {
              const next = event.target.value;
              setText(next);
              const result = parseNumberMark(next);
              if (result.ok && result.value !== mark?.value) write(entry, result.value);
            }}
            onBlur={() => {
              if (parseNumberMark(text ?? '').ok) setText(null);
            }}
          />
          {parsed.ok ? null : (
            <span id={problemId} className="jh-problem" role="alert">
              {parsed.problem}
            </span>
          )}
        </td>
        {settings.judgeComments ? (
          <td className="jh-cell-comment">
            <CommentToggle
              open={open}
              has={Boolean(mark?.comments)}
              back={back}
              disabled={off}
              toggle={() => setOpen(!open)}
            />
          </td>
        ) : null}
      </CoupleTableRow>
      {settings.judgeComments && (open || mark?.comments) ? (
        <CommentRow
          columns={columns}
          back={back}
          stored={mark?.comments}
          save={(value) => comment(entry, value)}
          disabled={off}
        />
      ) : null}
    </>
  );
});

/** The number scale: a box per couple, one or two digits; anything else is shown in red and not stored. */
export function NumberTable({ program, heat, slot, rows, marks, editor }: ScaleProps) {
  const { settings } = program;
  const showBallroom = heat.view.ballrooms.length > 1;
  const columns = 3 + (settings.judgeComments ? 1 : 0);
  const write = useCallback(
    (entry: HeatEntryView, value: string | undefined) => void editor?.change(changeFor(heat, slot, entry, { value })),
    [editor, heat, slot],
  );
  const comment = useCommentSaver(editor, heat, slot);
  return (
    <table className="jh-table">
      <thead>
        <tr>
          <th scope="col">Back</th>
          <th scope="col">Couple</th>
          <th scope="col" className="jh-cell-number">
            Mark
          </th>
          {settings.judgeComments ? (
            <th scope="col" className="jh-cell-comment">
              <span className="visually-hidden">Comment</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <NumberRow
            key={row.entry.heat.id}
            row={row}
            mark={marks.get(markKey(heat, slot, row.entry))}
            settings={settings}
            ballroom={ballroomStart(rows, index, showBallroom)}
            columns={columns}
            write={write}
            comment={comment}
            disabled={!editor}
          />
        ))}
      </tbody>
    </table>
  );
}
