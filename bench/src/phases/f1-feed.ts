import { performance } from 'node:perf_hooks';
import { generateTraffic, TrafficLine } from '@app/dip-wire';
import { CLOCK_HEADER } from '../http/bench-server';
import { KeepAliveClient } from '../http/client';
import { AckEntryLike } from '../outcomes';
import { LatencyRecorder, LatencySummary } from '../stats';

/** The enquiry service of the sample reference data: every `[MPANCreation]` is published to it (IF-050). */
export const F1_RECIPIENT = '9000000003';

/** F1: from an accepted message's acknowledgement to its publication in a recipient's feed. */
export interface F1Result {
  recipient: string;
  /** What each sample sends and waits for. */
  message: string;
  samples: number;
  /** Samples whose message was not accepted (left out of the figures). */
  notAccepted: number;
  /** Samples whose publication did not show up within the give-up time (10 s). */
  timedOut: number;
  /** Acknowledgement received → first feed read that holds the publication, ms. */
  latencyMs: LatencySummary;
  /** Feed reads per sample (each read is one `GET …/publications` round trip, back to back). */
  pollsPerSample: number;
}

/** `[MPANCreation]` messages of new MPANs, sent after `afterMs` (epoch ms) so the server's clock only moves forward. */
export function freshCreations(count: number, seed: number, afterMs: number): TrafficLine[] {
  const startDate = new Date(afterMs + 2 * 86_400_000).toISOString().slice(0, 10);
  const creations: TrafficLine[] = [];
  for (const line of generateTraffic({ mpans: count, seed: seed + 1000, startDate, mistakeRate: 0 })) {
    if (line.message.payload.CommonBlock.S0.eventCode === '[MPANCreation]') creations.push(line);
  }
  return creations.sort((a, b) => Date.parse(a.message.payload.CommonBlock.S1.senderTimestamp) - Date.parse(b.message.payload.CommonBlock.S1.senderTimestamp));
}

/**
 * For each creation: posts it, and from the moment its acknowledgement is read, reads the
 * enquiry service's feed (`GET /participants/{dipId}/publications?after=<last sequence>`) back to
 * back until an item for that MPAN appears. One sample at a time, on an otherwise idle server.
 */
export async function runFeedLatency(client: KeepAliveClient, creations: readonly TrafficLine[]): Promise<F1Result> {
  const latency = new LatencyRecorder(creations.length);
  let notAccepted = 0;
  let timedOut = 0;
  let polls = 0;
  const feed = (after: number) => client.get(`/participants/${F1_RECIPIENT}/publications?after=${after}&limit=1000`);
  for (const line of creations) {
    const core = line.message.payload.CommonBlock.M0.MPANCore;
    const head = JSON.parse((await feed(0)).body) as { lastSequence: number };
    const at = new Date(line.message.payload.CommonBlock.S1.senderTimestamp).toISOString();
    const answer = await client.postJson(`/dip-channel/${line.channel}`, JSON.stringify([line.message]), { [CLOCK_HEADER]: at });
    const acked = performance.now();
    const [ack] = (JSON.parse(answer.body) as { messageArray: AckEntryLike[] }).messageArray;
    if (ack?.outcome?.responseCode !== 'A' || ack.outcome.duplicate) {
      notAccepted++;
      continue;
    }
    for (;;) {
      polls++;
      const read = await feed(head.lastSequence);
      if (read.status !== 200) throw new Error(`F1: GET publications answered ${read.status}: ${read.body.slice(0, 300)}`);
      const page = JSON.parse(read.body) as { items: Array<{ mpanCore: string }> };
      if (page.items.some((item) => item.mpanCore === core)) {
        latency.add(performance.now() - acked);
        break;
      }
      if (performance.now() - acked > 10_000) {
        timedOut++;
        break;
      }
    }
  }
  return {
    recipient: F1_RECIPIENT,
    message: 'REGS-LDSO [MPANCreation] of a new MPAN → IF-050 in the enquiry service feed',
    samples: creations.length,
    notAccepted,
    timedOut,
    latencyMs: latency.summary(),
    pollsPerSample: latency.count + timedOut > 0 ? Math.round((polls / (latency.count + timedOut)) * 10) / 10 : 0,
  };
}
