import { CALLBACKS_REQUIRED, hasContent, type Split, toggleCallback } from '@ondeck/shared';
import { useState } from 'react';
import { Back, CoupleText, markKey, type ScaleProps, useMarkChanger } from './common.tsx';

/** The couples of a split this judge called back on this page. */
export function calledBack(props: Pick<ScaleProps, 'heat' | 'slot' | 'marks'>, split: Split): Set<string> {
  return new Set(
    split.entries
      .filter((entry) => hasContent(props.marks.get(markKey(props.heat, props.slot, entry))))
      .map((entry) => entry.heat.id),
  );
}

/**
 * A semi-final page (DOMAIN.md §3.3): "Callback?" per couple; each judge calls back exactly
 * six couples of a split and cannot tick a seventh.
 */
export function Callbacks(props: ScaleProps) {
  const { program, heat, slot, editor } = props;
  const [refused, setRefused] = useState<string | null>(null);
  const change = useMarkChanger(editor, heat, slot);
  return (
    <div className="callbacks">
      {heat.splits.map((split) => {
        if (!split.semiFinal)
          return (
            <section key={split.danceId} className="split" aria-label={split.name}>
              <h2>{split.name}</h2>
              <p className="muted">All {split.entries.length} couples go through to the final.</p>
            </section>
          );
        const called = calledBack(props, split);
        const full = called.size >= CALLBACKS_REQUIRED;
        return (
          <section key={split.danceId} className="split" aria-label={split.name}>
            <h2>
              {split.name}{' '}
              <span className={called.size === CALLBACKS_REQUIRED ? 'split-count split-count-done' : 'split-count'}>
                {called.size} of {CALLBACKS_REQUIRED} called back
              </span>
            </h2>
            {refused === split.danceId ? (
              <p className="problem-note" role="alert">
                Six couples are called back already: untick one first.
              </p>
            ) : null}
            <ul className="card-list">
              {split.entries.map((entry) => {
                const on = called.has(entry.heat.id);
                return (
                  <li key={entry.heat.id} className="split-row" data-testid="couple">
                    <label className={on ? 'callback-toggle callback-toggle-on' : 'callback-toggle'}>
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={!editor}
                        aria-disabled={!on && full ? true : undefined}
                        onChange={() => {
                          if (!toggleCallback(called, entry.heat.id, CALLBACKS_REQUIRED)) {
                            setRefused(split.danceId);
                            return;
                          }
                          setRefused(null);
                          change(entry, { value: on ? undefined : '1' });
                        }}
                      />
                      <Back entry={entry} assigned={false} />
                      <CoupleText entry={entry} settings={program.settings} />
                      <span className="callback-word">{on ? 'Called back' : 'Callback?'}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
