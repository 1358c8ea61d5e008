import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { duosTariffIdChgMessage, initialRegistrationMessage, mpanCreationMessage, msAppMessage, SAMPLE, withValue } from '@app/dip-wire/testing/fixtures';
import { FixedClock, IntakeService, loadRegistryConfig, RegistrationAppModule } from '@app/registration-app';
import { MpanHistoryModule, MpanHistoryService } from '@app/registration-app/history';
import { withShortUsageErrors } from '../usage-errors';
import { printStateAt, registerTemporalCommands } from './temporal.commands';

/**
 * Integration (real SQLite file): the CLI's temporal commands print exactly the answer of the
 * library API (`MpanHistoryService`, which the HTTP API serves), and check their options before
 * opening the store.
 */
describe('registry state --effective-at --known-at, timeline, diff, explain', () => {
  const core = SAMPLE.mpanCores[0];
  let dir: string;
  let db: string;
  let logged: string[];
  let spy: jest.SpyInstance;

  /** A registry context on the same file, for the library's own answer. */
  async function library<T>(work: (history: MpanHistoryService) => Promise<T>): Promise<T> {
    const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: db, REGISTRY_DAY_START: 'off' }, resolve(__dirname, '../../../..'));
    const app: INestApplicationContext = await NestFactory.createApplicationContext(
      { module: class HistoryOnly {}, imports: [RegistrationAppModule.forRoot(config, { clock: new FixedClock('2025-06-15T10:00:00Z') }), MpanHistoryModule] },
      { logger: false },
    );
    try {
      return await work(app.get(MpanHistoryService));
    } finally {
      await app.close();
    }
  }

  /** Runs `registry <args>` through the commands this file registers, returning what it printed. */
  async function run(...args: string[]): Promise<string> {
    const program = new Command().exitOverride();
    registerTemporalCommands(program);
    logged = [];
    await program.parseAsync(['node', 'registry', ...args]);
    return logged.join('\n');
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'regs-cli-temporal-'));
    db = join(dir, 'registry.sqlite');
    const clock = new FixedClock('2025-04-01T10:00:00Z');
    const config = loadRegistryConfig({ REGISTRY_SQLITE_PATH: db, REGISTRY_DAY_START: 'off' }, resolve(__dirname, '../../../..'));
    const app = await NestFactory.createApplicationContext(RegistrationAppModule.forRoot(config, { clock }), { logger: false });
    const intake = app.get(IntakeService);
    await intake.submit('REGS-LDSO', [mpanCreationMessage()]);
    await intake.submit('REGS-CSS', [initialRegistrationMessage()]); // BRWE from 2025-04-02
    await intake.submit('IF-031', [msAppMessage()]); // MSSA asked for, never answered: pending
    clock.set('2025-05-20T08:00:00Z'); // DUoS 802 recorded on 2025-05-20, back-dated to 2025-05-01
    await intake.submit('REGS-LDSO', [withValue(duosTariffIdChgMessage(), 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate', '2025-05-01T00:00:00+01:00')]);
    clock.set('2025-06-10T08:00:00Z'); // DUoS 803 from the same day: corrects the 802 period
    const correction = withValue(duosTariffIdChgMessage({ uniqueReference: 'S-IF-018-3000000019-LDSO-20250610-DUOS0002' }), 'payload.CustomBlock.B024.DUOSTariffID', '803');
    await intake.submit('REGS-LDSO', [withValue(correction, 'payload.CustomBlock.B024.DUOSTariffIDEffectiveFromDate', '2025-05-01T00:00:00+01:00')]);
    await app.close();
    spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
  });

  afterAll(() => {
    spy?.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('state with both axes prints the library answer (= GET /mpans/{core}/state)', async () => {
    logged = [];
    await printStateAt(core, { db, effectiveAt: '2025-05-10', knownAt: '2025-05-20T08:59:59+01:00' });
    const printed = JSON.parse(logged.join('\n'));
    expect(printed).toEqual(await library((h) => h.stateAt(core, { effectiveAt: '2025-05-10', knownAt: '2025-05-20T07:59:59Z' })));
    expect(printed).toMatchObject({ knownAt: '2025-05-20T07:59:59.000Z', snapshot: { duosTariffId: { value: '801' } } });
    expect(printed.laterEventsIgnored).toBeGreaterThan(0);
  });

  it('timeline, diff and explain print the library answers', async () => {
    const knownAt = '2025-06-01T00:00:00.000Z';
    expect(JSON.parse(await run('timeline', core, '--db', db, '--known-at', knownAt))).toEqual(await library((h) => h.timeline(core, { knownAt })));
    const diffArgs = { fromEffectiveAt: '2025-05-10', fromKnownAt: '2025-05-01T00:00:00.000Z', toEffectiveAt: '2025-05-10', toKnownAt: knownAt };
    const diff = JSON.parse(
      await run('diff', core, '--db', db, '--from-effective-at', '2025-05-10', '--from-known-at', '2025-05-01T01:00:00+01:00', '--to-effective-at', '2025-05-10', '--to-known-at', knownAt),
    );
    expect(diff).toEqual(await library((h) => h.diff(core, diffArgs)));
    expect(diff.changes.map((c: { item: string; change: string }) => [c.item, c.change])).toEqual([['duosTariffId', 'valueChanged']]);
    const explain = JSON.parse(await run('explain', core, '--db', db, '--item', 'duosTariffId', '--date', '2025-04-15', '--known-at', knownAt));
    expect(explain).toEqual(await library((h) => h.explain(core, { item: 'duosTariffId', date: '2025-04-15', knownAt })));
    expect(explain.periods[0].chain.map((s: { step: string; message: { eventCode: string } }) => [s.step, s.message.eventCode])).toEqual([
      ['opened', '[MPANCreation]'],
      ['toDateChanged', '[DUOSTariffIDChg]'],
    ]);
  });

  it('the readable forms name the periods, the changes and the messages', async () => {
    expect(await run('explain', core, '--db', db, '--item', 'duosTariffId', '--date', '2025-04-15', '--text')).toMatch(/toDateChanged +#\d+ DuosTariffIdChanged recorded 2025-05-20T08:00:00.000Z \[2025-04-01 → 2025-04-30\] +← REGS-LDSO \[DUOSTariffIDChg\] from 3000000019 \(LDSO\)/);
    const timeline = await run('timeline', core, '--db', db, '--table');
    expect(timeline).toMatch(/duosTariffId +2025-05-01 → open +803 +\(opened by #\d+ DuosTariffIdChanged at 2025-05-20T08:00:00.000Z; open; corrected by #\d+ DuosTariffIdChanged\)/);
    // The key of each value first: the supplier's DIP id and MPID, the pending request's provider.
    expect(timeline).toMatch(/supplier +2025-04-02 → open +1000000001 BRWE \(InitialRegistration\)/);
    expect(timeline).toMatch(/pendingAppointments +MS request MSS 2000000001 MSSA \(appointment [^,]+, COS by BRWE, from 2025-04-02\) +\(requested by #\d+ ServiceAppointmentRequested at /);
    const diff = await run('diff', core, '--db', db, '--from-known-at', '2025-04-01T00:00:00Z', '--text');
    expect(diff).toMatch(/supplier +added +— +→ +1000000001 BRWE \(InitialRegistration\) +\[2025-04-02 → open\]/);
    expect(diff).toMatch(/pendingAppointments \S+ +added +— +→ +MSS 2000000001 MSSA \(appointment /);
    expect(await run('explain', core, '--db', db, '--item', 'supplier', '--text')).toMatch(/2025-04-02 → open: 1000000001 BRWE \(InitialRegistration\)\n/);
    expect(await run('diff', core, '--db', db, '--from-known-at', '2025-05-01T00:00:00Z', '--from-effective-at', '2025-05-10', '--to-effective-at', '2025-05-10', '--text')).toMatch(
      /duosTariffId +valueChanged/,
    );
  });

  it('a malformed option is refused before the store is opened, naming the option', async () => {
    await expect(printStateAt(core, { db: join(dir, 'missing.sqlite'), knownAt: '2025-06-01' })).rejects.toThrow(
      /^--known-at must be an ISO 8601 instant with an explicit offset or Z, .*got "2025-06-01"$/,
    );
    await expect(run('explain', core, '--db', db, '--item', 'meteringServices')).rejects.toThrow(/^--item must be one of gspGroupId, /);
    await expect(printStateAt(core, { db: join(dir, 'missing.sqlite'), effectiveAt: '2025-06-01' })).rejects.toThrow(/^no registry at /);
  });

  it.each([
    [['timeline', core, '--bogus'], "error: unknown option '--bogus'"],
    [['timeline'], "error: missing required argument 'mpanCore'"],
    [['explain', core], "error: required option '--item <name>' not specified"],
    [['diff', core, '--text', 'extra'], 'error: too many arguments for'],
  ])('a usage error (%j) is one line and the hint, exit code 1', async (args, error) => {
    const written: string[] = [];
    const program = withShortUsageErrors(new Command().exitOverride().configureOutput({ writeErr: (text) => void written.push(text), writeOut: () => undefined }));
    registerTemporalCommands(program);
    await expect(program.parseAsync(['node', 'registry', ...args])).rejects.toMatchObject({ exitCode: 1 });
    const lines = written.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(error);
    expect(lines[1]).toBe('(add --help for usage)');
  });
});
