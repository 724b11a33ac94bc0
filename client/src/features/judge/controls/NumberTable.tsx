import { type CoupleRow, type EventSettings, type HeatEntryView, parseNumberMark, type Score } from '@ondeck/shared';
import { memo } from 'react';
import {
  ballroomStart,
  CoupleTableRow,
  type MarkChanger,
  MarkInput,
  markKey,
  type ScaleProps,
  useCommentSaver,
  useMarkChanger,
} from './common.tsx';

interface RowProps {
  row: CoupleRow;
  mark: Score | undefined;
  settings: EventSettings;
  ballroom: string | null;
  columns: number;
  change: MarkChanger;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

const NumberRow = memo(function NumberRow({
  row,
  mark,
  settings,
  ballroom,
  columns,
  change,
  comment,
  disabled,
}: RowProps) {
  const { entry } = row;
  const back = entry.couple.back ?? entry.couple.names;
  return (
    <CoupleTableRow
      row={row}
      settings={settings}
      ballroom={ballroom}
      columns={columns}
      comments={mark?.comments}
      comment={comment}
      disabled={disabled}
    >
      <td className="jh-cell-number">
        <MarkInput
          label={`Mark for couple ${back}`}
          stored={mark?.value}
          parse={parseNumberMark}
          write={(value) => change(entry, { value })}
          disabled={disabled || entry.scratched}
        />
      </td>
    </CoupleTableRow>
  );
});

/** The number scale: a box per couple, one or two digits; anything else is shown in red and not stored. */
export function NumberTable({ program, heat, slot, rows, marks, editor }: ScaleProps) {
  const { settings } = program;
  const showBallroom = heat.view.ballrooms.length > 1;
  const columns = 3 + (settings.judgeComments ? 1 : 0);
  const change = useMarkChanger(editor, heat, slot);
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
            change={change}
            comment={comment}
            disabled={!editor}
          />
        ))}
      </tbody>
    </table>
  );
}
