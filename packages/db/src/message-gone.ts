/** A message to finish no longer exists: its session was deleted meanwhile, so there is nothing to save into. */
export class MessageGoneError extends Error {
  override name = 'MessageGoneError';

  constructor(readonly messageId: string) {
    super(`Cannot finish message ${messageId}: it does not exist (was its session deleted?).`);
  }
}
