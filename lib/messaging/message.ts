/**
 * Messages the service sends to end users (one-time codes by email or SMS) and the transports that
 * carry them. A transport only delivers; `sendMessage` records every message in the outbox table
 * (OutboxMessage) with its outcome, so delivery is the same for every caller whatever carries it.
 */

export type TMessageChannel = 'email' | 'sms';

export type TOutgoingMessage = {
  channel: TMessageChannel;
  /** Email address or E.164 phone number. */
  to: string;
  /** Email subject (SMS has none). */
  subject?: string;
  text: string;
  /**
   * The text with its secret (the code) masked: what is stored once a real transport has carried
   * the message, so the database never holds a live code in clear. The developer outbox keeps the
   * full text — showing it is its purpose.
   */
  redactedText: string;
};

/** Carries messages of one channel. `send` resolves once the message was handed over, or throws. */
export type TMessageTransport = {
  /** outbox: kept in the database and printed to the log only; smtp; webhook (SMS). */
  kind: 'outbox' | 'smtp' | 'webhook';
  send(message: TOutgoingMessage): Promise<void>;
};

/** The transport of each channel. */
export type TMessaging = Record<TMessageChannel, TMessageTransport>;

/**
 * Runs work after the answer has been sent (lib/http passes Next's `after`), so that an answer's
 * timing does not depend on a delivery. Use-cases given none await the work themselves.
 */
export type TDefer = (task: () => Promise<unknown>) => void;
