import { useState } from 'react';
import { Field } from './Field.tsx';

/** An invite link to read, select and copy: the organiser's invites and the admin's hand-out. */
export function LinkField({ label, hint, link }: { label: string; hint?: string; link: string }) {
  return (
    <Field label={label} {...(hint === undefined ? {} : { hint })}>
      {(control) => <input {...control} type="text" readOnly value={link} onFocus={(event) => event.target.select()} />}
    </Field>
  );
}

/** Copies a link to the clipboard, and says so once it has. */
export function CopyLinkButton({ link }: { link: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={() =>
        void navigator.clipboard?.writeText(link).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy link'}
    </button>
  );
}
