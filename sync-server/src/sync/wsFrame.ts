/**
 * A message as one unmasked, final, binary WebSocket frame (RFC 6455 §5.2), as a server sends it:
 * the header and the payload in one buffer, written to a socket as they are.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.length;
  const headerBytes = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerBytes);
  return frame;
}
