/**
 * Requests one instance makes of another: stop a run it owns. A run lives in the process that
 * streams it, so a stop (or a delete) arriving at another instance must reach that one.
 */
export interface ControlBus {
  /** Asks instance `ownerId` to stop the pane's running answer; resolves with whether it did. */
  requestStop(ownerId: string, paneId: string): Promise<boolean>;
  /** Serves other instances' stop requests for runs this one owns. */
  serve(stop: (paneId: string) => Promise<boolean>): void;
  close(): Promise<void>;
}

/** One process: every run is local, so there is no one else to ask. */
export const localControlBus: ControlBus = {
  requestStop: () => Promise.resolve(false),
  serve: () => undefined,
  close: () => Promise.resolve(),
};
