import { type EventSettings, plural } from '@ondeck/shared';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Notice } from '../../components/Notice.tsx';
import { useProgram } from '../../sync/hooks.ts';
import { useProgramEditor } from '../../sync/mutations.ts';
import { scheduleOf } from '../heats/schedule.ts';
import { SettingsForm } from './event/SettingsForm.tsx';
import { SetupHeader } from './event/SetupHeader.tsx';
import './event/setup.css';

type Basics = Pick<EventSettings, 'name' | 'date' | 'location'>;

function BasicsForm({ stored }: { stored: Basics }) {
  const editor = useProgramEditor();
  // NOTE: only what the organiser typed is kept here; every other field shows what is stored.
  // The form used to be remade whenever the stored details changed, and a sync that landed
  // while the organiser typed (the event still arriving on a busy device) wiped the new name.
  const [edits, setEdits] = useState<Partial<Basics>>({});
  const [saved, setSaved] = useState(false);
  const draft: Basics = { ...stored, ...edits };
  const field = (key: keyof Basics, label: string, hint?: string) => (
    <Field label={label} {...(hint ? { hint } : {})}>
      {(control) => (
        <input
          {...control}
          name={key}
          value={draft[key]}
          onChange={(event) => {
            setEdits({ ...edits, [key]: event.target.value });
            setSaved(false);
          }}
          disabled={!editor}
        />
      )}
    </Field>
  );
  const dirty = draft.name !== stored.name || draft.date !== stored.date || draft.location !== stored.location;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editor || !dirty) return;
    void editor.updateSettings(draft).then(() => {
      setEdits({});
      setSaved(true);
    });
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Event details">
      {field('name', 'Event name')}
      {field('date', 'Date', 'Free text, e.g. 2026-03-14 or March 14–15')}
      {field('location', 'Location')}
      <div className="actions">
        <button type="submit" className="button" disabled={!editor || !dirty}>
          Save details
        </button>
        {saved && !dirty ? (
          <span className="muted">Saved on this device; the indicator shows when the server has it.</span>
        ) : null}
      </div>
    </form>
  );
}

/** `/e/<id>/organizer`: the event's details and settings, editable offline. */
export function SettingsPage() {
  const program = useProgram();
  if (!program) return <Loading />;
  const { name, date, location } = program.settings;
  // Counted as every other screen counts: the heat numbers of the schedule, and the couples dancing in them.
  const { views } = scheduleOf(program);
  const entries = views.reduce((sum, view) => sum + view.onFloor, 0);
  return (
    <main className="screen">
      <SetupHeader title={name} />
      <p className="lead">
        {[date, location].filter(Boolean).join(' · ') || 'No date or location yet'} —{' '}
        {plural(program.people.size, 'person', 'people')}, {plural(views.length, 'heat number')} with{' '}
        {plural(entries, 'entry', 'entries')}
      </p>
      <BasicsForm stored={{ name, date, location }} />
      <SettingsForm settings={program.settings} />
      <Notice>Changes are kept on this device first and reach the server when it can be reached.</Notice>
    </main>
  );
}
