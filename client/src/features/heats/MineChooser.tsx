import type { Program } from '@ondeck/shared';
import { type Mine, mineValue, parseMine } from './mine.ts';
import type { Schedule } from './schedule.ts';

interface Props {
  program: Program;
  schedule: Schedule;
  mine: Mine | null;
  onChange: (mine: Mine | null) => void;
  label?: string;
}

/** Picks a dancer or a studio: a native select, which phones show as a big scrolling picker. */
export function MineChooser({ program, schedule, mine, onChange, label = 'Whose heats' }: Props) {
  const studios = [...program.studios.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <label className="field hl-field">
      <span>{label}</span>
      <select value={mineValue(mine)} onChange={(event) => onChange(parseMine(event.target.value))}>
        <option value="">Choose a dancer or a studio…</option>
        <optgroup label="Studios">
          {studios.map((studio) => (
            <option key={studio.id} value={`studio:${studio.id}`}>
              {studio.name}
            </option>
          ))}
        </optgroup>
        <optgroup label="Dancers">
          {schedule.dancers.map((dancer) => (
            <option key={dancer.id} value={`person:${dancer.id}`}>
              {dancer.name}
              {dancer.back === undefined ? '' : ` #${dancer.back}`}
              {dancer.studio ? ` (${dancer.studio})` : ''}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/** "Ann Smith · #123 · Studio One", or a studio's name. */
export function describeMine(program: Program, schedule: Schedule, mine: Mine): string {
  if (mine.kind === 'studio') return program.studios.get(mine.id)?.name ?? 'A studio no longer in the event';
  const dancer = schedule.dancers.find((d) => d.id === mine.id);
  if (!dancer) return 'A dancer no longer in the event';
  return [dancer.name, dancer.back === undefined ? '' : `#${dancer.back}`, dancer.studio ?? '']
    .filter(Boolean)
    .join(' · ');
}
