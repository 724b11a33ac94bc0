import {
  type CoupleRow,
  type EventSettings,
  type HeatEntryView,
  type ScaleOption,
  type Score,
  scaleOptions,
} from '@ondeck/shared';
import { memo, useMemo } from 'react';
import {
  ballroomStart,
  CoupleTableRow,
  type MarkChanger,
  markKey,
  NOT_MARKED,
  type ScaleProps,
  useCommentSaver,
  useMarkChanger,
} from './common.tsx';

interface RowProps {
  row: CoupleRow;
  mark: Score | undefined;
  /** The scale's choices, then "–". */
  choices: ScaleOption[];
  settings: EventSettings;
  ballroom: string | null;
  columns: number;
  change: MarkChanger;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

const PlacementRow = memo(function PlacementRow({
  row,
  mark,
  choices,
  settings,
  ballroom,
  columns,
  change,
  comment,
  disabled,
}: RowProps) {
  const { entry } = row;
  const back = entry.couple.back ?? entry.couple.names;
  const off = disabled || entry.scratched;
  const name = `mark-${entry.heat.id}`;
  const current = mark?.value ?? NOT_MARKED.value;
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
      {choices.map((option) => (
        <td key={option.value} className={option === NOT_MARKED ? 'jh-cell-none' : 'jh-cell-option'}>
          <label className={option === NOT_MARKED ? 'jh-radio jh-radio-none' : 'jh-radio'}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={current === option.value}
              disabled={off}
              aria-label={`${option.name}, couple ${back}`}
              onChange={() => change(entry, { value: option === NOT_MARKED ? undefined : option.value })}
            />
            <span aria-hidden="true">{option.label}</span>
          </label>
        </td>
      ))}
    </CoupleTableRow>
  );
});

/** Placements (1/2/3/F) or medals (GH/G/S/B) as radio buttons per couple, "–" for not marked. */
export function PlacementTable({ program, heat, slot, rows, marks, editor, scale }: ScaleProps & { scale: '1' | 'G' }) {
  const { settings } = program;
  // NOTE: stable props keep a tap's re-render to the one row that changed.
  const options = useMemo(() => scaleOptions(scale, settings), [scale, settings]);
  const choices = useMemo(() => [...options, NOT_MARKED], [options]);
  const showBallroom = heat.view.ballrooms.length > 1;
  const comments = settings.judgeComments;
  const columns = 2 + choices.length + (comments ? 1 : 0);
  const change = useMarkChanger(editor, heat, slot);
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
            choices={choices}
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
