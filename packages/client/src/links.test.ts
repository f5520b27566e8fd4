import { describe, expect, it } from 'vitest';

import { reconnectDelayMs, toWebSocketUrl } from './links';

describe('links', () => {
  it('derives the WebSocket URL from the HTTP one', () => {
    expect(toWebSocketUrl('http://127.0.0.1:8080/trpc')).toBe('ws://127.0.0.1:8080/trpc');
    expect(toWebSocketUrl('https://example.com/trpc')).toBe('wss://example.com/trpc');
  });

  it('backs off exponentially with full jitter and a cap', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(250);
    expect(reconnectDelayMs(3, () => 1)).toBe(2000);
    expect(reconnectDelayMs(20, () => 1)).toBe(10_000);
    expect(reconnectDelayMs(3, () => 0)).toBe(100);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(1000);
  });
});
