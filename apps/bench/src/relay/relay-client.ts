import { WebSocket } from 'ws';

import type { SessionRun } from '../level-figures';
import { messageText, type RelayEvent, type RelayStart } from './protocol';

interface PaneTrace {
  text: string;
  firstAt: number;
  endAt: number;
  ended: boolean;
  error: string | null;
}

/**
 * One session on the relay, followed like a product session: its WebSocket opened before the
 * clock starts, then a broadcast into it. The relay's events carry no ids, so a repeated event is
 * one that arrives for a pane that has ended (repeated tokens show up as a wrong text).
 */
export class RelaySession {
  private panes: PaneTrace[] = [];
  private events = 0;
  private duplicates = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.record(JSON.parse(messageText(data)) as RelayEvent));
    socket.on('close', (code, reason) =>
      this.fail(`the relay closed the socket (${code} ${String(reason)})`),
    );
    socket.on('error', (error) => this.fail(error.message));
  }

  static open(url: string): Promise<RelaySession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new RelaySession(socket)));
      socket.once('error', reject);
    });
  }

  broadcast(prompt: string, panes: number, timeoutMs = 120_000): Promise<SessionRun> {
    this.panes = Array.from({ length: panes }, () => ({
      text: '',
      firstAt: Number.NaN,
      endAt: Number.NaN,
      ended: false,
      error: null,
    }));
    this.events = 0;
    this.duplicates = 0;
    const start: RelayStart = { prompt, panes };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`a relay broadcast did not finish within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finish = (error: Error | null) => {
        clearTimeout(timer);
        this.wake = null;
        if (error) return reject(error);
        const failed = this.panes.find((p) => p.error !== null);
        if (failed) return reject(new Error(`the relay failed a pane: ${failed.error}`));
        resolve({
          texts: this.panes.map((p) => p.text),
          events: this.events,
          duplicates: this.duplicates,
          createMs: null,
          streamSeconds: this.panes.map((p) => (p.endAt - p.firstAt) / 1000),
        });
      };
      this.wake = () => {
        if (this.failure) finish(this.failure);
        else if (this.panes.every((p) => p.ended)) finish(null);
      };
      this.socket.send(JSON.stringify(start));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private record(event: RelayEvent): void {
    this.events += 1;
    const pane = this.panes[event.pane];
    if (!pane || pane.ended) {
      this.duplicates += 1;
      return;
    }
    if ('token' in event) {
      if (pane.text === '') pane.firstAt = performance.now();
      pane.text += event.token;
    } else {
      pane.endAt = performance.now();
      pane.ended = true;
      if ('error' in event) pane.error = event.error;
      this.wake?.();
    }
  }

  private fail(message: string): void {
    this.failure ??= new Error(message);
    this.wake?.();
  }
}
