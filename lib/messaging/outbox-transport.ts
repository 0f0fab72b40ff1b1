import { log } from '../log';
import type { TMessageTransport } from './message';

/**
 * The default when no mail server or SMS webhook is configured: nothing leaves the machine. The
 * message stays in the outbox table (sendMessage records it with status `outbox`) and is printed
 * to the log, so a developer sees codes without any mail server.
 */
export function createOutboxTransport(): TMessageTransport {
  return {
    kind: 'outbox',
    async send(message) {
      log.info('message kept in the outbox (no delivery configured)', { channel: message.channel, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
