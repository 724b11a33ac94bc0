import {
  type HeatEntryView,
  type Parsed,
  parseSoloPart,
  parseSoloScore,
  readSoloParts,
  SOLO_PART_MAX,
  SOLO_PARTS,
  type SoloPart,
  soloPartsTotal,
  writeSoloParts,
} from '@ondeck/shared';
import { useId } from 'react';
import { Back, CommentBox, MarkInput, markKey, type ScaleProps, useCommentSaver, useMarkChanger } from './common.tsx';

function soloNames(entry: HeatEntryView): string {
  const names = [entry.couple.lead.name, entry.couple.follow.name, ...(entry.solo?.formation ?? []).map((d) => d.name)];
  const shown = names.filter(Boolean);
  return shown.length === 2 ? shown.join(' and ') : shown.join(', ');
}

/** A labelled score box with its range. */
function ScoreBox({
  label,
  max,
  stored,
  parse,
  write,
  disabled,
  big,
}: {
  label: string;
  max: number;
  stored: string | undefined;
  parse: (text: string) => Parsed;
  write: (value: string | undefined) => void;
  disabled: boolean;
  big: boolean;
}) {
  const id = useId();
  return (
    <div className={big ? 'score-box score-box-big' : 'score-box'}>
      <label htmlFor={id}>
        {label} <span className="muted">0–{max}</span>
      </label>
      <MarkInput id={id} stored={stored} parse={parse} write={write} disabled={disabled} />
    </div>
  );
}

/** A solo: who dances it, comments, and one score (0–100) or four parts (0–25 each). */
export function SoloScore({
  program,
  heat,
  slot,
  rows,
  marks,
  editor,
  scale,
}: ScaleProps & { scale: 'solo' | 'solo4' }) {
  const change = useMarkChanger(editor, heat, slot);
  const comment = useCommentSaver(editor, heat, slot);
  const row = rows.find((r) => !r.entry.scratched) ?? rows[0];
  if (!row) return <p className="heat-page-empty">No couples on the floor for this heat.</p>;
  const { entry } = row;
  const mark = marks.get(markKey(heat, slot, entry));
  const off = !editor || entry.scratched;
  const record = program.entries.get(entry.heat.entryId);
  const level = record ? program.levels.get(record.levelId)?.name : undefined;
  const writeValue = (value: string | undefined) => change(entry, { value });
  const parts = readSoloParts(mark?.value);
  const writePart = (part: SoloPart, value: string | undefined) =>
    change(entry, (previous) => {
      const next = readSoloParts(previous?.value);
      if (value === undefined) delete next[part];
      else next[part] = Number(value);
      return { value: writeSoloParts(next) };
    });
  return (
    <section className={entry.scratched ? 'solo-score scratched' : 'solo-score'} data-testid="couple">
      <dl className="solo-facts">
        <dt>Back</dt>
        <dd>
          <Back entry={entry} assigned={row.assigned} />
        </dd>
        <dt>Dancers</dt>
        <dd className="solo-names">{soloNames(entry)}</dd>
        <dt>Studio</dt>
        <dd>{entry.couple.studio || '–'}</dd>
        <dt>Level</dt>
        <dd>{level ?? entry.couple.category}</dd>
      </dl>
      <div className="solo-boxes">
        {scale === 'solo' ? (
          <ScoreBox
            label="Score"
            max={100}
            stored={mark?.value}
            parse={parseSoloScore}
            write={writeValue}
            disabled={off}
            big
          />
        ) : (
          <>
            {SOLO_PARTS.map(({ key, label }) => (
              <ScoreBox
                key={key}
                label={label}
                max={SOLO_PART_MAX}
                stored={parts[key]?.toString()}
                parse={parseSoloPart}
                write={(value) => writePart(key, value)}
                disabled={off}
                big={false}
              />
            ))}
            <p className="solo-total" data-testid="solo-total">
              Total <strong>{soloPartsTotal(parts)}</strong> of {SOLO_PART_MAX * SOLO_PARTS.length}
            </p>
          </>
        )}
      </div>
      <CommentBox label="Comments" stored={mark?.comments} save={(text) => comment(entry, text)} disabled={off} large />
    </section>
  );
}
