import type { IncomingMessage } from 'node:http';

import type { Refusal, RequestGuard } from './refusal';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function bodyTooLarge(maxBytes: number): Refusal {
  return {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: `The request body is larger than the ${megabytes(maxBytes)} this workspace accepts (the largest valid input fits); shorten it.`,
  };
}

/**
 * Refuses a body whose declared Content-Length is over the limit before a byte of it is read.
 * A body without one (chunked) is counted while it streams in by readBody.
 */
export function createBodyLimitGuard(maxBytes: number): RequestGuard {
  return (req) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    return declared > maxBytes ? bodyTooLarge(maxBytes) : null;
  };
}

/** How long a refused upload may go on being discarded so that its client reads the 413. */
const LINGER_MS = 1000;

/**
 * After a body is refused, the connection is dropped, but not at once: a socket destroyed while
 * the client is still sending resets the connection, and the client may lose the 413 it has not
 * read yet (nginx's lingering close works around the same thing). The rest of the body is read
 * and thrown away, nothing is kept, for at most LINGER_MS or `maxBytes` more, then the socket goes.
 */
export function discardThenClose(req: IncomingMessage, maxBytes: number): void {
  let discarded = 0;
  const close = (gently: boolean) => {
    clearTimeout(timer);
    // Once the body has ended nothing is left to reset: end after the answer is flushed.
    if (gently) req.socket.end();
    else req.socket.destroy();
  };
  const timer = setTimeout(() => close(false), LINGER_MS);
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) close(false);
  });
  req.once('end', () => close(true));
  req.resume();
}

export class BodyTooLargeError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a body of at most `maxBytes`, failing as soon as more arrives (nothing more is kept). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.off('end', onEnd);
        reject(new BodyTooLargeError(bodyTooLarge(maxBytes)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
    // A client that goes away mid-body ends nothing: settle rather than wait forever.
    req.once('close', () =>
      reject(new Error('The client closed the request before its body ended.')),
    );
  });
}
