import { type ScaleOption, scaleOptions } from '@ondeck/shared';
import { useMemo } from 'react';
import { NOT_MARKED, type ScaleProps } from './common.tsx';
import { type MarkControlsProps, MarksTable } from './MarksTable.tsx';

/** A radio per choice, then "–" for not marked. */
function PlacementCells({ entry, mark, options: choices, change, off, back }: MarkControlsProps<ScaleOption[]>) {
  const current = mark?.value ?? NOT_MARKED.value;
  return choices.map((option) => (
    <td key={option.value} className={option === NOT_MARKED ? 'marks-cell-unmarked' : 'marks-cell-choice'}>
      <label className={option === NOT_MARKED ? 'choice-box choice-box-unmarked' : 'choice-box'}>
        <input
          type="radio"
          name={`mark-${entry.heat.id}`}
          value={option.value}
          checked={current === option.value}
          disabled={off}
          aria-label={`${option.name}, couple ${back}`}
          onChange={() => change(entry, { value: option === NOT_MARKED ? undefined : option.value })}
        />
        <span aria-hidden="true">{option.label}</span>
      </label>
    </td>
  ));
}

/** Placements (1/2/3/F) or medals (GH/G/S/B) as radio buttons per couple, "–" for not marked. */
export function PlacementTable(props: ScaleProps & { scale: '1' | 'G' }) {
  const { scale, program } = props;
  const { settings } = program;
  // NOTE: stable props keep a tap's re-render to the one row that changed.
  const options = useMemo(() => scaleOptions(scale, settings), [scale, settings]);
  const choices = useMemo(() => [...options, NOT_MARKED], [options]);
  const head = (
    <>
      {options.map((option) => (
        <th scope="col" key={option.value} className="marks-cell-choice" title={option.name}>
          {option.label}
        </th>
      ))}
      <th scope="col" className="marks-cell-unmarked">
        <span className="visually-hidden">Not marked</span>
      </th>
    </>
  );
  return (
    <MarksTable
      {...props}
      layout="columns"
      head={head}
      cells={choices.length}
      Marks={PlacementCells}
      options={choices}
    />
  );
}
