/** Bytes needed to recognise every type `sniffAudioType` knows. */
export const SNIFF_BYTES = 12;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  text.split('').every((char, i) => bytes[at + i] === char.charCodeAt(0));

/**
 * The audio MIME type of a file by its content (magic bytes), never by the name or the
 * Content-Type a browser claims: WAV (RIFF/WAVE), MP3 (an ID3 tag or an MPEG audio frame
 * header), Ogg, FLAC, and MP4/M4A (an `ftyp` box). Null for anything else.
 */
export function sniffAudioType(head: Uint8Array): string | null {
  if (head.length < SNIFF_BYTES) return null;
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'audio/wav';
  if (ascii(head, 0, 'ID3')) return 'audio/mpeg';
  if (ascii(head, 0, 'OggS')) return 'audio/ogg';
  if (ascii(head, 0, 'fLaC')) return 'audio/flac';
  if (ascii(head, 4, 'ftyp')) return 'audio/mp4';
  if (isMpegFrameHeader(head)) return 'audio/mpeg';
  return null;
}

/** Every type `sniffAudioType` answers: the only types a music file is served as. */
const AUDIO_TYPES: ReadonlySet<string> = new Set(['audio/wav', 'audio/mpeg', 'audio/ogg', 'audio/flac', 'audio/mp4']);

export function isAudioType(mime: string): boolean {
  return AUDIO_TYPES.has(mime);
}

/** The extension a file of a sniffed type is saved under in the DJ's playlist. */
export function extensionFor(mime: string): string {
  if (mime === 'audio/mpeg') return 'mp3';
  if (mime === 'audio/mp4') return 'm4a';
  return mime.split('/')[1] ?? 'audio';
}

/**
 * An MPEG-1/2/2.5 Layer I–III frame header: 11 sync bits, a version that is not "reserved",
 * a layer that is not "reserved" (so AAC's ADTS, layer 0, is not taken for MP3), and a bitrate
 * and sample rate index that are not "bad".
 */
function isMpegFrameHeader(head: Uint8Array): boolean {
  const [b0 = 0, b1 = 0, b2 = 0] = head;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}
