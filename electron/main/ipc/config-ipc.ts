import { z } from 'zod';
import {
  bridgeChannels,
  pairInputSchema,
  terminalConfigSchema,
  type PairOutcome,
  type TerminalConfig,
} from '../../../core/bridge/kassa-host';
import type { ConfigStore } from '../../host/config-store';
import { ForeignSenderError, InvalidPayloadError, isTrustedSender, type IpcMainLike } from './sender-guard';

const noArgs = z.tuple([]);
const pairArgs = z.tuple([pairInputSchema]);

/**
 * The config channel group: read the terminal config, pair with a server. Each call checks the
 * sender frame and parses its arguments with the bridge's schemas before touching the store.
 */
export function registerConfigIpc(
  ipc: IpcMainLike,
  store: ConfigStore,
  onPaired?: (config: TerminalConfig) => void,
): () => void {
  ipc.handle(bridgeChannels.getConfig, async (event, ...args): Promise<TerminalConfig> => {
    if (!isTrustedSender(event)) throw new ForeignSenderError(bridgeChannels.getConfig);
    if (!noArgs.safeParse(args).success)
      throw new InvalidPayloadError(bridgeChannels.getConfig, 'takes no arguments');
    return terminalConfigSchema.parse(await store.load());
  });
  ipc.handle(bridgeChannels.pair, async (event, ...args): Promise<PairOutcome> => {
    if (!isTrustedSender(event)) throw new ForeignSenderError(bridgeChannels.pair);
    const parsed = pairArgs.safeParse(args);
    if (!parsed.success)
      throw new InvalidPayloadError(bridgeChannels.pair, parsed.error.issues[0]?.message ?? 'invalid');
    const outcome = await store.pair(parsed.data[0]);
    if (outcome.ok) onPaired?.(outcome.config);
    return outcome;
  });
  return () => {
    ipc.removeHandler(bridgeChannels.getConfig);
    ipc.removeHandler(bridgeChannels.pair);
  };
}
