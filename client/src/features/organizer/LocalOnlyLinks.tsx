import { Notice } from '../../components/Notice.tsx';
import { reachableElsewhere } from '../../lib/invites.ts';

/**
 * Said plainly when the server knows no address but this computer's own: such links and QR
 * codes open nothing on a phone or a tablet.
 */
export function LocalOnlyLinks({ links }: { links: readonly string[] }) {
  if (links.every(reachableElsewhere)) return null;
  return (
    <Notice tone="warning" title="These links work on this computer only">
      They point at <code>localhost</code>, and the server knows no address other devices can reach. Restart it with{' '}
      <code>ONDECK_PUBLIC_URL</code> set to the address phones open (or with <code>ONDECK_HOST=0.0.0.0</code> on the
      venue network), then open this screen again: the links and QR codes follow.
    </Notice>
  );
}
