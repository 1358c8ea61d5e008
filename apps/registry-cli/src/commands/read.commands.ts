import { MpanQueryService } from '@app/registration-app';
import { withRegistry } from '../cli-context';

/** Prints the current state of an MPAN (same answer as `GET /mpans/{mpanCore}`). */
export async function printState(mpanCore: string, sqlitePath?: string): Promise<void> {
  await withRegistry(sqlitePath ? { sqlitePath } : {}, async (app) => {
    console.log(JSON.stringify(await app.get(MpanQueryService).currentState(mpanCore), null, 2));
  });
}

/** Prints an MPAN's history, one line per event (same data as `GET /mpans/{mpanCore}/events`). */
export async function printHistory(mpanCore: string, sqlitePath?: string, json = false): Promise<void> {
  await withRegistry(sqlitePath ? { sqlitePath } : {}, async (app) => {
    const queries = app.get(MpanQueryService);
    let from: bigint | null = 0n;
    while (from !== null) {
      const page = await queries.history(mpanCore, from, 1000);
      for (const e of page.events) {
        if (json) console.log(JSON.stringify(e));
        else console.log(`#${e.revision.padStart(3)}  pos ${e.position.padStart(7)}  ${e.recordedAt}  ${e.type.padEnd(24)} ${summarise(e.data)}`);
      }
      from = page.nextFromRevision === null ? null : BigInt(page.nextFromRevision);
    }
  });
}

function summarise(data: Record<string, unknown>): string {
  const { mpanCore: _core, ...rest } = data;
  return JSON.stringify(rest).slice(0, 140);
}
