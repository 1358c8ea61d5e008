import { MessageResult } from '@app/registration-app';

/** How the messages of a run were answered (the same categories as `registry load`'s summary). */
export interface OutcomeCounts {
  accepted: number;
  rejected: number;
  duplicates: number;
  schemaFailures: number;
  conflicts: number;
  notProcessed: number;
  /** Rejected messages by REG/local code (a message with several codes counts under each). */
  rejectedByCode: Record<string, number>;
}

/** All zero. */
export function emptyOutcomes(): OutcomeCounts {
  return { accepted: 0, rejected: 0, duplicates: 0, schemaFailures: 0, conflicts: 0, notProcessed: 0, rejectedByCode: {} };
}

/** Counts an in-process intake result. */
export function countResult(counts: OutcomeCounts, result: MessageResult): void {
  if (result.status === 'schema-failure') counts.schemaFailures++;
  else if (result.status === 'conflict') counts.conflicts++;
  else if (result.status === 'not-processed') counts.notProcessed++;
  else if (result.duplicate) counts.duplicates++;
  else if (result.outcome.responseCode === 'A') counts.accepted++;
  else countRejection(counts, result.outcome.reasons.map((r) => r.code));
}

/** One entry of an HTTP acknowledgement (`messageArray[i]`), as far as the benchmark reads it. */
export interface AckEntryLike {
  message: string;
  outcome: { responseCode: 'A' | 'R'; duplicate: boolean; position: string; responseMessages: Array<{ code: string }> } | null;
}

/** Counts an HTTP acknowledgement entry (DIP `message` code + our `outcome`). */
export function countAckEntry(counts: OutcomeCounts, entry: AckEntryLike): void {
  if (entry.message.startsWith('MSG1001')) counts.schemaFailures++;
  else if (entry.message.startsWith('MSG1009')) counts.conflicts++;
  else if (entry.message.startsWith('MSG5003') || entry.outcome === null) counts.notProcessed++;
  else if (entry.outcome.duplicate) counts.duplicates++;
  else if (entry.outcome.responseCode === 'A') counts.accepted++;
  else countRejection(counts, entry.outcome.responseMessages.map((m) => m.code));
}

function countRejection(counts: OutcomeCounts, codes: string[]): void {
  counts.rejected++;
  for (const code of new Set(codes)) counts.rejectedByCode[code] = (counts.rejectedByCode[code] ?? 0) + 1;
}
