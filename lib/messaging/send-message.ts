import type { TTx } from '../db';
import { log } from '../log';
import type { TMessageTransport, TOutgoingMessage } from './message';

export type TSendResult = { id: string; status: 'outbox' | 'sent' | 'failed' };

/** Longest error text kept on a failed message. */
const MAX_ERROR_LENGTH = 500;

/**
 * Hands a message to its transport and records it in the community's outbox (OutboxMessage):
 * status `outbox` for the developer outbox (full text kept), `sent` or `failed` for SMTP and the
 * SMS webhook (text kept with the code masked; the error's message on failure, never a secret).
 * Never throws for a delivery failure: the caller decides what a failed status means.
 */
export async function sendMessage(options: { db: TTx; communityId: string; transport: TMessageTransport; message: TOutgoingMessage }): Promise<TSendResult> {
  const { db, communityId, transport, message } = options;
  let status: TSendResult['status'] = transport.kind === 'outbox' ? 'outbox' : 'sent';
  let error: string | null = null;
  try {
    await transport.send(message);
  } catch (e) {
    status = 'failed';
    const err = e as { detail?: string; message?: string };
    error = String(err?.detail ?? err?.message ?? e).slice(0, MAX_ERROR_LENGTH);
    log.warn('message delivery failed', { communityId, channel: message.channel, transport: transport.kind, error });
  }
  const row = await db.outboxMessage.create({
    data: {
      communityId,
      channel: message.channel,
      to: message.to,
      subject: message.subject ?? null,
      body: status === 'outbox' ? message.text : message.redactedText,
      status,
      error,
    },
    select: { id: true },
  });
  return { id: row.id, status };
}
