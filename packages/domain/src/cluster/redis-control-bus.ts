import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import type { Logger } from '@mlb/logger';

import type { ControlBus } from './control-bus';

type Message =
  | { kind: 'stop'; requestId: string; paneId: string; replyTo: string }
  | { kind: 'stopped'; requestId: string; stopped: boolean };

/** How long a requester waits for the owner's answer (the owner answers once the run has ended). */
const REPLY_TIMEOUT_MS = 5000;

/**
 * Stop requests over Redis pub/sub: each instance listens on its own channel; a request names
 * the channel to answer on. Pub/sub keeps nothing, which suits a request whose answer is awaited
 * with a timeout: an owner that is gone does not answer, and the caller is told it did not stop.
 */
export class RedisControlBus implements ControlBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly waiting = new Map<string, (stopped: boolean) => void>();
  private stop: ((paneId: string) => Promise<boolean>) | null = null;
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly options: { url: string; prefix: string; instanceId: string; logger: Logger },
  ) {
    this.pub = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
    this.sub = new Redis(options.url, { protocol: 2, maxRetriesPerRequest: null });
    for (const connection of [this.pub, this.sub])
      connection.on('error', (err: Error) =>
        options.logger.warn({ err }, 'redis connection error'),
      );
    this.sub.on('message', (_channel: string, raw: string) => void this.receive(raw));
    this.ready = this.sub.subscribe(this.channel(options.instanceId));
  }

  private channel(instanceId: string): string {
    return `${this.options.prefix}instance:${instanceId}`;
  }

  async requestStop(ownerId: string, paneId: string): Promise<boolean> {
    await this.ready;
    const requestId = randomUUID();
    const answer = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        resolve(false);
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(requestId, (stopped) => {
        clearTimeout(timer);
        this.waiting.delete(requestId);
        resolve(stopped);
      });
    });
    const message: Message = { kind: 'stop', requestId, paneId, replyTo: this.options.instanceId };
    await this.pub.publish(this.channel(ownerId), JSON.stringify(message));
    return answer;
  }

  serve(stop: (paneId: string) => Promise<boolean>): void {
    this.stop = stop;
  }

  private async receive(raw: string): Promise<void> {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.kind === 'stopped') {
      this.waiting.get(message.requestId)?.(message.stopped);
      return;
    }
    const stopped = this.stop ? await this.stop(message.paneId).catch(() => false) : false;
    const reply: Message = { kind: 'stopped', requestId: message.requestId, stopped };
    await this.pub
      .publish(this.channel(message.replyTo), JSON.stringify(reply))
      .catch((err: unknown) => {
        this.options.logger.warn({ err }, 'could not answer a stop request');
      });
  }

  async close(): Promise<void> {
    for (const resolve of this.waiting.values()) resolve(false);
    await Promise.all([this.sub.quit(), this.pub.quit()].map((p) => p.catch(() => undefined)));
  }
}
