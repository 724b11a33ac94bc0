import type { EventSettings, ScaleCode } from '@ondeck/shared';
import { type ReactNode, useId } from 'react';
import { Field } from '../../../components/Field.tsx';
import { useProgramEditor } from '../../../sync/mutations.ts';
import { CommitField, wholeNumberProblem } from './CommitField.tsx';

type Editor = NonNullable<ReturnType<typeof useProgramEditor>>;
type KeysOf<V> = { [K in keyof EventSettings]: EventSettings[K] extends V ? K : never }[keyof EventSettings];

const SCALES: ReadonlyArray<readonly [ScaleCode, string]> = [
  ['1', '1 / 2 / 3 / F — placements'],
  ['G', 'GH / G / S / B — medal grades'],
  ['#', 'A number per couple'],
  ['+', 'Feedback only (good job with / needs work on)'],
  ['&', 'Overall 1–5 and feedback'],
  ['@', 'Overall medal grade and feedback'],
  ['0', 'Not scored'],
];
/** Closed heats may take the open heats' scale; multi-dances only 1, G or # (DOMAIN.md §3.1). */
const CLOSED_SCALES = [['=', 'Same as open heats'] as const, ...SCALES];
const MULTI_SCALES = SCALES.filter(([code]) => code === '1' || code === 'G' || code === '#');
const SOLO_SCALES = [
  ['1', 'One mark 0–100'],
  ['4', 'Four parts of 0–25 (technique, execution, presentation, showmanship)'],
] as const;
const BALLROOMS = [
  [1, 'One floor'],
  [2, 'Two, split by role (student leaders on B)'],
  [3, 'Two, rotating'],
  [5, 'Three, rotating'],
  [6, 'Four, rotating'],
] as const;
const COLUMN_ORDERS = [
  [1, 'Lead, then follow'],
  [2, 'Student, then instructor (partner)'],
] as const;
const PRO_AM = [
  ['G', 'G / L / AC — gentleman, lady, amateur couple'],
  ['L', 'L / F / AC — leader, follower, amateur couple'],
] as const;

function Choice<K extends keyof EventSettings>({
  editor,
  settings,
  name,
  label,
  hint,
  options,
}: {
  editor: Editor | null;
  settings: EventSettings;
  name: K;
  label: string;
  hint?: string;
  options: ReadonlyArray<readonly [EventSettings[K], string]>;
}) {
  const current = settings[name];
  // A value this screen does not offer (an import's legacy "4" ballrooms) stays listed as it is.
  const listed = options.some(([value]) => value === current)
    ? options
    : [[current, String(current)] as const, ...options];
  return (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(control) => (
        <select
          {...control}
          name={name}
          value={String(current)}
          disabled={!editor}
          onChange={(event) => {
            const chosen = listed.find(([value]) => String(value) === event.target.value);
            if (chosen) void editor?.updateSettings({ [name]: chosen[0] } as Partial<EventSettings>);
          }}
        >
          {listed.map(([value, text]) => (
            <option key={String(value)} value={String(value)}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Toggle({
  editor,
  settings,
  name,
  label,
  hint,
}: {
  editor: Editor | null;
  settings: EventSettings;
  name: KeysOf<boolean>;
  label: string;
  hint?: string;
}) {
  const hintId = useId();
  return (
    <div className="setting-toggle">
      <label className="check">
        <input
          type="checkbox"
          name={name}
          checked={settings[name]}
          disabled={!editor}
          {...(hint ? { 'aria-describedby': hintId } : {})}
          onChange={(event) => void editor?.updateSettings({ [name]: event.target.checked })}
        />
        <span>{label}</span>
      </label>
      {hint ? (
        <small id={hintId} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** A typed-in setting: `problem` says what is wrong with a text, or null when it can be stored. */
function Typed({
  editor,
  settings,
  name,
  label,
  hint,
  numeric,
  problem,
}: {
  editor: Editor | null;
  settings: EventSettings;
  name: KeysOf<string> | KeysOf<number>;
  label: string;
  hint?: string;
  numeric?: boolean;
  problem: (text: string) => string | null;
}) {
  return (
    <CommitField
      label={label}
      name={name}
      value={String(settings[name])}
      disabled={!editor}
      {...(hint ? { hint } : {})}
      {...(numeric ? { numeric } : {})}
      commit={(text) => {
        const wrong = problem(text);
        if (wrong) return wrong;
        void editor?.updateSettings({ [name]: numeric ? Number(text) : text });
        return null;
      }}
    />
  );
}

const finalistProblem = (text: string) =>
  text.length >= 1 && text.length <= 12 ? null : 'The finalist mark is 1–12 characters, e.g. F.';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card stack settings-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The event's settings of DOMAIN.md §2 that ondeck uses. Each control writes its one setting
 * as it changes (one change each, kept on the device first), so two organisers changing
 * different settings both keep theirs.
 */
export function SettingsForm({ settings }: { settings: EventSettings }) {
  const editor = useProgramEditor();
  const common = { editor, settings };
  return (
    <div className="settings-grid">
      <Section title="Scoring">
        <Choice {...common} name="openScoring" label="Open heats" options={SCALES} />
        <Choice
          {...common}
          name="closedScoring"
          label="Closed heats"
          options={CLOSED_SCALES}
          {...(settings.combineOpenClosed ? { hint: 'Open and closed are combined: the open scale applies.' } : {})}
        />
        <Choice {...common} name="multiScoring" label="Multi-dance heats" options={MULTI_SCALES} />
        <Choice {...common} name="soloScoring" label="Solos" options={SOLO_SCALES} />
        <Typed
          {...common}
          name="finalist"
          label="Finalist mark"
          hint="What judges and score sheets show for F."
          problem={finalistProblem}
        />
        <Toggle {...common} name="judgeComments" label="Judges write comments" hint="Solos always take comments." />
        <Toggle
          {...common}
          name="assignJudges"
          label="Assign couples to judges"
          hint="Each judge marks the couples assigned to them; an empty mark is an assignment."
        />
        <Toggle
          {...common}
          name="strictScoring"
          label="Strict scoring"
          hint="Results count only heats entered at the student’s own level and age."
        />
      </Section>
      <Section title="Floor">
        <Choice {...common} name="ballrooms" label="Ballrooms" options={BALLROOMS} />
        <Toggle
          {...common}
          name="combineOpenClosed"
          label="Combine open and closed heats on the floor"
          hint="One scale for both, and dance names lose their Open/Closed prefix."
        />
        <Typed
          {...common}
          name="maxHeatSize"
          label="Largest heat"
          hint="Couples on the floor at once."
          numeric
          problem={(text) => wholeNumberProblem(text, 1, 99, 'couples')}
        />
        <Toggle
          {...common}
          name="locked"
          label="Agenda locked"
          hint="Heats keep their numbers; new entries wait in heat 0."
        />
      </Section>
      <Section title="Heat lists and sheets">
        <Toggle {...common} name="backnums" label="Back numbers" hint="Show each leader’s back number." />
        <Toggle {...common} name="trackAges" label="Age categories" hint="Show and score by age as well as level." />
        <Choice {...common} name="columnOrder" label="Couple columns" options={COLUMN_ORDERS} />
        <Choice {...common} name="proAm" label="Pro-am labels" options={PRO_AM} />
      </Section>
      <Section title="Times">
        <Toggle
          {...common}
          name="includeTimes"
          label="Show times"
          hint="Each heat’s start time, from its agenda item’s time and the lengths below."
        />
        <Typed
          {...common}
          name="heatLength"
          label="Heat length (seconds)"
          numeric
          problem={(text) => wholeNumberProblem(text, 10, 3600, 'seconds')}
        />
        <Typed
          {...common}
          name="soloLength"
          label="Solo length (seconds)"
          numeric
          problem={(text) => wholeNumberProblem(text, 10, 3600, 'seconds')}
        />
      </Section>
    </div>
  );
}
