import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_SETTINGS, readEventName, readSettings, updateSettings } from '../src/index.ts';

describe('the program document’s settings', () => {
  it('fall back to the defaults, but the event’s name is only the one the organiser set', () => {
    const doc = new Y.Doc();
    // An empty copy (a device's, before the server's arrives) has no name of its own.
    expect(readSettings(doc).name).toBe(DEFAULT_SETTINGS.name);
    expect(readEventName(doc)).toBeUndefined();
    updateSettings(doc, { name: 'Spring Showcase' });
    expect(readEventName(doc)).toBe('Spring Showcase');
    expect(readSettings(doc).name).toBe('Spring Showcase');
  });
});
