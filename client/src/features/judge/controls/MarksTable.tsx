import type { CoupleRow, EventSettings, HeatEntryView, Score } from '@ondeck/shared';
import { type ComponentType, memo, type ReactNode, useState } from 'react';
import {
  Back,
  CommentBox,
  CommentToggle,
  CoupleText,
  type MarkChanger,
  markKey,
  type ScaleProps,
  useCommentSaver,
  useMarkChanger,
} from './common.tsx';

/** What a scale's controls get for one couple. */
export interface MarkControlsProps<Options> {
  entry: HeatEntryView;
  mark: Score | undefined;
  /** The scale's choices: the same object for every couple, so a tap re-renders one row. */
  options: Options;
  change: MarkChanger;
  /** The device may not change this couple's marks, or the couple is scratched. */
  off: boolean;
  /** The back number (the names when there is none), for labels. */
  back: string | number;
}

/**
 * `columns`: a table row per couple, the scale's controls in cells of their own (number and
 * placement scales); `stacked`: each couple's controls in groups beside the couple (feedback).
 */
export type MarksLayout = 'columns' | 'stacked';

interface MarksTableProps<Options> extends ScaleProps {
  layout: MarksLayout;
  /** The header cells of the scale's controls (columns layout). */
  head?: ReactNode;
  /** How many cells the scale's controls take (columns layout). */
  cells?: number;
  Marks: ComponentType<MarkControlsProps<Options>>;
  options: Options;
  /** No mark may be stored at all (the scale is set up wrong). */
  locked?: boolean;
}

/** The ballroom a row opens, when the heat is spread over several and this row starts one. */
function ballroomStart(rows: readonly CoupleRow[], index: number, several: boolean): string | null {
  const row = rows[index];
  if (!several || !row?.entry.ballroom) return null;
  return index === 0 || row.breakBefore === 'ballroom' ? row.entry.ballroom : null;
}

/** The class of a row: the rule above it, and scratched entries struck through. */
function rowClass(row: CoupleRow, base: string): string {
  const classes = [base];
  if (row.breakBefore) classes.push(`marks-break-${row.breakBefore}`);
  if (row.entry.scratched) classes.push('scratched');
  return classes.join(' ');
}

interface RowProps<Options> {
  layout: MarksLayout;
  row: CoupleRow;
  mark: Score | undefined;
  settings: EventSettings;
  /** The ballroom this row starts, if it starts one. */
  ballroom: string | null;
  columns: number;
  Marks: ComponentType<MarkControlsProps<Options>>;
  options: Options;
  change: MarkChanger;
  comment: (entry: HeatEntryView, text: string) => Promise<void>;
  disabled: boolean;
}

/**
 * A couple's row: a "Ballroom B" row first when a new ballroom starts, then the back number,
 * the couple, the scale's controls and, where the event has comments, the ✎ button with the
 * couple's comment below (always open once there is a comment).
 */
const MarksRow = memo(function MarksRow<Options>({
  layout,
  row,
  mark,
  settings,
  ballroom,
  columns,
  Marks,
  options,
  change,
  comment,
  disabled,
}: RowProps<Options>) {
  const { entry } = row;
  const [open, setOpen] = useState(false);
  const back = entry.couple.back ?? entry.couple.names;
  const off = disabled || entry.scratched;
  const comments = settings.judgeComments;
  const toggle = (
    <CommentToggle open={open} has={Boolean(mark?.comments)} back={back} disabled={off} toggle={() => setOpen(!open)} />
  );
  const box =
    comments && (open || mark?.comments) ? (
      <CommentBox
        label={`Comment for ${back}`}
        stored={mark?.comments}
        save={(text) => comment(entry, text)}
        disabled={off}
      />
    ) : null;
  const marks = <Marks entry={entry} mark={mark} options={options} change={change} off={off} back={back} />;
  if (layout === 'stacked')
    return (
      <>
        {ballroom ? <li className="marks-ballroom">Ballroom {ballroom}</li> : null}
        <li className={rowClass(row, 'marks-list-row')} data-testid="couple">
          <div className="marks-list-couple">
            <Back entry={entry} assigned={row.assigned} />
            <CoupleText entry={entry} settings={settings} />
            {comments ? toggle : null}
          </div>
          <div className="marks-list-controls">
            {marks}
            {box}
          </div>
        </li>
      </>
    );
  return (
    <>
      {ballroom ? (
        <tr className="marks-ballroom">
          <th colSpan={columns} scope="colgroup">
            Ballroom {ballroom}
          </th>
        </tr>
      ) : null}
      <tr className={rowClass(row, 'marks-row')} data-testid="couple">
        <th scope="row" className="marks-cell-back">
          <Back entry={entry} assigned={row.assigned} />
        </th>
        <td className="marks-cell-couple">
          <CoupleText entry={entry} settings={settings} />
        </td>
        {marks}
        {comments ? <td className="marks-cell-comment">{toggle}</td> : null}
      </tr>
      {box ? (
        <tr className="marks-comment-row">
          <td colSpan={columns}>{box}</td>
        </tr>
      ) : null}
    </>
  );
}) as <Options>(props: RowProps<Options>) => ReactNode;

/**
 * The marks of a heat, a row per couple in reading order (DOMAIN.md §4): the table of the
 * number, placement and feedback scales, each scale bringing its own controls (`Marks`).
 */
export function MarksTable<Options>(props: MarksTableProps<Options>) {
  const { program, heat, slot, rows, marks, editor } = props;
  const { layout, head, cells = 0, Marks, options, locked = false } = props;
  const { settings } = program;
  const several = heat.view.ballrooms.length > 1;
  const columns = 2 + cells + (settings.judgeComments ? 1 : 0);
  const change = useMarkChanger(editor, heat, slot);
  const comment = useCommentSaver(editor, heat, slot);
  const body = rows.map((row, index) => (
    <MarksRow
      key={row.entry.heat.id}
      layout={layout}
      row={row}
      mark={marks.get(markKey(heat, slot, row.entry))}
      settings={settings}
      ballroom={ballroomStart(rows, index, several)}
      columns={columns}
      Marks={Marks}
      options={options}
      change={change}
      comment={comment}
      disabled={!editor || locked}
    />
  ));
  if (layout === 'stacked') return <ul className="card-list marks-list">{body}</ul>;
  return (
    <table className="marks-table">
      <thead>
        <tr>
          <th scope="col">Back</th>
          <th scope="col" className="marks-cell-couple">
            Couple
          </th>
          {head}
          {settings.judgeComments ? (
            <th scope="col" className="marks-cell-comment">
              <span className="visually-hidden">Comment</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{body}</tbody>
    </table>
  );
}
