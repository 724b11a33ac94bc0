import { isLoopbackHost } from '@ondeck/shared';

/**
 * The invite code of a pasted link (`…/join/<code>`) or of a bare code, with the link's origin
 * when it names another server.
 */
export function parseInvite(input: string): { code: string; origin: string | null } | null {
  const text = input.trim();
  if (/^[A-Za-z0-9_-]{4,128}$/.test(text)) return { code: text, origin: null };
  try {
    const url = new URL(text);
    const match = /\/join\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname);
    return match?.[1] ? { code: match[1], origin: url.origin } : null;
  } catch {
    return null;
  }
}

/** Whether another device can open this link: not on `localhost` or another loopback address. */
export function reachableElsewhere(link: string): boolean {
  try {
    return !isLoopbackHost(new URL(link).hostname);
  } catch {
    return false;
  }
}
