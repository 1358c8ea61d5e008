import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line about one inbound DIP message carries (issue #10 item 4): the channel, the
 * DIP identifiers of the message (DT-011 correlation id, sender DIP id, `senderUniqueReference`),
 * its event code and MPAN core. Fields the message does not carry (a malformed message) are absent.
 */
export interface MessageLogFields {
  channel: string;
  /** `S1.senderCorrelationID`, or the id the registry assigned when the sender gave none (once known). */
  correlationId?: string;
  /** `S1.senderDIPID`. */
  senderDipId?: string;
  /** `S1.senderUniqueReference`: the sender's message reference (the idempotency key with the DIP id). */
  senderUniqueReference?: string;
  /** `S0.eventCode`, e.g. `[MPANCreation]`. */
  eventCode?: string;
  /** `M0.MPANCore`. */
  mpanCore?: string;
}

const storage = new AsyncLocalStorage<MessageLogFields>();

/**
 * Runs `work` with `fields` as the message context of every log line written meanwhile (across
 * `await`s), through the logger's mixin ({@link currentMessageLogFields}).
 */
export function withMessageLogContext<T>(fields: MessageLogFields, work: () => Promise<T>): Promise<T> {
  return storage.run(fields, work);
}

/** The fields of the message being processed (a copy), or `{}` outside one: pino's `mixin`. */
export function currentMessageLogFields(): Partial<MessageLogFields> {
  const fields = storage.getStore();
  return fields === undefined ? {} : { ...fields };
}

/**
 * The log fields of a raw DIP message as received (before validation, so a schema failure is
 * logged with whatever it carries): strings only, each cut to 100 characters (DT-011 allows 60,
 * a malformed message may carry anything).
 */
export function messageLogFieldsOf(channel: string, raw: unknown): MessageLogFields {
  const common = (raw as { payload?: { CommonBlock?: Record<string, Record<string, unknown> | undefined> } } | null)?.payload?.CommonBlock;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value.slice(0, 100) : undefined);
  const fields: MessageLogFields = { channel };
  const set = (key: Exclude<keyof MessageLogFields, 'channel'>, value: unknown) => {
    const v = text(value);
    if (v !== undefined) fields[key] = v;
  };
  set('correlationId', common?.S1?.senderCorrelationID);
  set('senderDipId', common?.S1?.senderDIPID);
  set('senderUniqueReference', common?.S1?.senderUniqueReference);
  set('eventCode', common?.S0?.eventCode);
  set('mpanCore', common?.M0?.MPANCore);
  return fields;
}
