import { isAppUrl } from '../app-origin';

/** The part of an IPC event the guard reads (Electron's IpcMainInvokeEvent has it). */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string } | null;
}

/**
 * Only our own page, served from app://kassa, may call the host. A frame that navigated away,
 * an injected iframe from elsewhere or a destroyed frame (null) is refused.
 */
export function isTrustedSender(event: IpcSenderEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && isAppUrl(frame.url);
}

export class ForeignSenderError extends Error {
  constructor(channel: string) {
    super(`${channel}: refused a call from a frame that is not Kassa's own page`);
    this.name = 'ForeignSenderError';
  }
}

export class InvalidPayloadError extends Error {
  constructor(channel: string, detail: string) {
    super(`${channel}: invalid payload: ${detail}`);
    this.name = 'InvalidPayloadError';
  }
}

/** The part of Electron's ipcMain the channel groups use, so they can be tested without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
