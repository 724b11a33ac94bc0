import { updateFrame } from '@ondeck/shared';
import WebSocket from 'ws';

/**
 * A socket that sends one update at a time and learns how the server took it: a sync step 1
 * right behind it is answered only if the update did not close the connection.
 */
export class Prober {
  private ws: WebSocket | null = null;

  constructor(private readonly url: string) {}

  async send(update: Uint8Array): Promise<'taken' | number> {
    const ws = await this.socket();
    return new Promise((resolve) => {
      const onMessage = (data: Buffer) => {
        // The answer to our step 1: message type 0 (sync), step 1 (step 2).
        if (data[0] === 0 && data[1] === 1) done('taken');
      };
      const onClose = (code: number) => {
        this.ws = null;
        done(code);
      };
      const done = (outcome: 'taken' | number) => {
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(outcome);
      };
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.send(updateFrame(update));
      ws.send(Uint8Array.of(0, 0, 1, 0));
    });
  }

  close(): void {
    this.ws?.close();
  }

  private async socket(): Promise<WebSocket> {
    if (this.ws?.readyState === WebSocket.OPEN) return this.ws;
    const ws = new WebSocket(this.url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    this.ws = ws;
    return ws;
  }
}
