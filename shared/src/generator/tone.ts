/**
 * A playable WAV file (16-bit mono PCM) of a sine tone, made in memory: music for generated
 * events and tests, whose bytes differ with `frequency` so each song has its own hash.
 */
export function toneWav(options: { seconds: number; frequency: number; sampleRate?: number }): Uint8Array {
  const sampleRate = options.sampleRate ?? 22_050;
  const samples = Math.round(options.seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    const sample = Math.sin((2 * Math.PI * options.frequency * i) / sampleRate) * 0.3 * 0x7fff;
    view.setInt16(44 + i * 2, Math.round(sample), true);
  }
  return bytes;
}
