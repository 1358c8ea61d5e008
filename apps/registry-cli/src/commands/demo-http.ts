import { readFileSync } from 'node:fs';
import { loadRegistryConfig } from '@app/registration-app';
import { sendSubmissions, signedFetch, submissionsOf } from './send.command';

/** The DIP id the demo reads the MPAN query view as: the Electricity Enquiry Service (sample participant). */
const ENQUIRY_SERVICE = '9000000003';

/**
 * Step 4 of `registry demo` (issue #8: the demo signs its requests): serves the demo registry
 * `db` in-process on an ephemeral port of 127.0.0.1 (day-start off, logger off), then with the
 * signing client: sends the messages of `trafficFile` signed by each sender's sample key and prints
 * the acknowledgements; reads MPAN `core` from the query view as the enquiry service; and shows
 * an unsigned request answered 401 and a participant reading another's feed answered 403.
 */
export async function demoOverHttp(db: string, trafficFile: string, core: string | undefined): Promise<void> {
  // Loaded lazily so that the other commands do not pay for the HTTP stack.
  const { createApiApp } = await import('../../../registration-api/src/bootstrap');
  const config = loadRegistryConfig({ ...process.env, REGISTRY_STORE: 'sqlite', REGISTRY_SQLITE_PATH: db, REGISTRY_DAY_START: 'off', REGISTRY_PRODUCTION: 'false', PORT: '3000' });
  const app = await createApiApp(config, {}, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const summary = await sendSubmissions(base, submissionsOf(readFileSync(trafficFile, 'utf8'), undefined, 100), 'sender', { write: (l) => console.log(`   ${l}`), fetch, now: () => new Date() });
    console.log(`   → ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.notProcessed} not processed, ${summary.refusedSubmissions} submission(s) refused`);
    if (core !== undefined) {
      const view = await signedFetch(new URL(`/mpans/${core}`, base), { method: 'GET' }, { participant: ENQUIRY_SERVICE });
      const body = (await view.json()) as { mpanCore?: string; supplier?: { dipId?: string } | null };
      console.log(`   GET /mpans/${core} signed by the enquiry service ${ENQUIRY_SERVICE}: ${view.status}${view.ok ? ` (${JSON.stringify(body).length} bytes of query view)` : ''}`);
    }
    const unsigned = await fetch(new URL('/mpans?postcode=AB1%202CD', base));
    console.log(`   the same kind of read unsigned: ${unsigned.status} ${((await unsigned.json()) as { code?: string }).code ?? ''}`);
    const other = await signedFetch(new URL('/participants/1000000001/publications', base), { method: 'GET' }, { participant: '1000000002' });
    console.log(`   supplier 1000000002 reading the feed of 1000000001: ${other.status} ${((await other.json()) as { code?: string }).code ?? ''}`);
  } finally {
    await app.close();
  }
}

/**
 * The last line of `registry demo`: how to serve the demo registry `db` and talk to it, on `port`
 * (the `PORT` the service will listen on, not always 3000), reading MPAN `core`.
 */
export function demoServeHint(db: string, port: number, core: string | undefined): string {
  return (
    `Serve this demo registry: REGISTRY_SQLITE_PATH=${db} node bin/registry.js serve, then sign and send with \`node bin/registry.js send <file> --url http://localhost:${port}\`` +
    ` or read with \`node bin/registry.js sign-request -p 9000000003 -X GET -u /mpans/${core ?? '<core>'} -f curl\``
  );
}
