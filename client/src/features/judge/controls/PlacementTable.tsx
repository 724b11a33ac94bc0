import {
  type CoupleRow,
  type EventSettings,
  type HeatEntryView,
  type ScaleOption,
  type Score,
  scaleOptions,
} from '@ondeck/shared';
import { memo, useCallback, useMemo, useState } from 'react';
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

const UNMARKED = '';

interface RowProps {
  row: CoupleRow;
  mark: Score | undefined;
  options: ScaleOption[];
  settings: EventSettings;
  ballroom: string | null;
  comments: boolean;
  columns: number;
  choose: (entry: HeatEntryView, value: string) => void;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

const PlacementRow = memo(function PlacementRow({
  row,
  mark,
  options,
  settings,
  ballroom,
  comments,
  columns,
  choose,
  comment,
  disabled,
}: RowProps) {
  const { entry } = row;
  const [open, setOpen] = useState(false);
  const back = entry.couple.back ?? entry.couple.names;
  const off = disabled || entry.scratched;
  const name = `mark-${entry.heat.id}`;
  const current = mark?.value ?? UNMARKED;
  return (
    <>
      <CoupleTableRow row={row} settings={settings} ballroom={ballroom} columns={columns}>
        {[...options, { value: UNMARKED, label: '–', name: 'Not marked' }].map((option) => (
          <td key={option.value} className={option.value === UNMARKED ? 'jh-cell-none' : 'jh-cell-option'}>
            <label className={option.value === UNMARKED ? 'jh-radio jh-radio-none' : 'jh-radio'}>
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={current === option.value}
                disabled={off}
                aria-label={`${option.name}, couple ${back}`}
                onChange={() => choose(entry, option.value)}
              />
              <span aria-hidden="true">{option.label}</span>
            </label>
          </td>
        ))}
        {comments ? (
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
      {comments && (open || mark?.comments) ? (
        <CommentRow
          columns={columns}
          back={back}
          stored={mark?.comments}
          save={(text) => comment(entry, text)}
          disabled={off}
        />
      ) : null}
    </>
  );
});

/** Placements (1/2/3/F) or medals (GH/G/S/B) as radio buttons per couple, "–" for not marked. */
export function PlacementTable({ program, heat, slot, rows, marks, editor, scale }: ScaleProps & { scale: '1' | 'G' }) {
  const { settings } = program;
  // NOTE: stable props keep a tap's re-render to the one row that changed.
  const options = useMemo(() => scaleOptions(scale, settings), [scale, settings]);
  const showBallroom = heat.view.ballrooms.length > 1;
  const comments = settings.judgeComments;
  const columns = 2 + options.length + 1 + (comments ? 1 : 0);
  const choose = useCallback(
    (entry: HeatEntryView, value: string) =>
      void editor?.change(changeFor(heat, slot, entry, { value: value === UNMARKED ? undefined : value })),
    [editor, heat, slot],
  );
  const comment = useCommentSaver(editor, heat, slot);
  return (
    <table className="jh-table">
      <thead>
        <tr>
          <th scope="col">Back</th>
          <th scope="col">Couple</th>
          {options.map((option) => (
            <th scope="col" key={option.value} className="jh-cell-option" title={option.name}>
              {option.label}
            </th>
          ))}
          <th scope="col" className="jh-cell-none">
            <span className="visually-hidden">Not marked</span>
          </th>
          {comments ? (
            <th scope="col" className="jh-cell-comment">
              <span className="visually-hidden">Comment</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <PlacementRow
            key={row.entry.heat.id}
            row={row}
            mark={marks.get(markKey(heat, slot, row.entry))}
            options={options}
            settings={settings}
            ballroom={ballroomStart(rows, index, showBallroom)}
            comments={comments}
            columns={columns}
            choose={choose}
            comment={comment}
            disabled={!editor}
          />
        ))}
      </tbody>
    </table>
  );
}
