import type { Membership } from '../storage/db.ts';
import { saveMembership } from '../storage/events.ts';

/**
 * Asks the browser to keep this app's data under storage pressure. Browsers decide silently
 * (Chromium grants installed or much-used sites), so the answer is shown, never assumed.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

/** Keeps a joined event on this device, which must then survive storage pressure for the whole showcase. */
export async function keepMembership(membership: Membership): Promise<void> {
  await saveMembership(membership);
  await requestPersistentStorage();
}
