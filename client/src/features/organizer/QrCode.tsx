import { useMemo } from 'react';
import { renderSVG } from 'uqr';

/** An invite's QR code: scanning it with a phone camera opens the link. */
export function QrCode({ value, label }: { value: string; label: string }) {
  const src = useMemo(
    () => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(value, { border: 2, ecc: 'M' }))}`,
    [value],
  );
  return <img className="qr" src={src} alt={label} width={220} height={220} />;
}
