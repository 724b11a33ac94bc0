import { parseNumberMark } from '@ondeck/shared';
import { MarkInput, type ScaleProps } from './common.tsx';
import { type MarkControlsProps, MarksTable } from './MarksTable.tsx';

function NumberCell({ entry, mark, change, off, back }: MarkControlsProps<null>) {
  return (
    <td className="marks-cell-number">
      <MarkInput
        label={`Mark for couple ${back}`}
        stored={mark?.value}
        parse={parseNumberMark}
        write={(value) => change(entry, { value })}
        disabled={off}
      />
    </td>
  );
}

const HEAD = (
  <th scope="col" className="marks-cell-number">
    Mark
  </th>
);

/** The number scale: a box per couple, one or two digits; anything else is shown in red and not stored. */
export function NumberTable(props: ScaleProps) {
  return <MarksTable {...props} layout="columns" head={HEAD} cells={1} Marks={NumberCell} options={null} />;
}
