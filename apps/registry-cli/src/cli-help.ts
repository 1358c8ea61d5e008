import { Command } from 'commander';

/**
 * Examples shown at the end of `registry <command> --help`, per command. Every command of issue #10
 * item 6 has some (cli-help.spec.ts); a command with its own "Example" help text keeps it.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  serve: [
    'registry serve',
    'PORT=8080 REGISTRY_CONFIG_FILE=/etc/registry/registry.env registry serve',
    'REGISTRY_STORE=postgres REGISTRY_POSTGRES_URL=postgres://registry@db:5432/registry registry serve',
  ],
  generate: ['registry generate -o data/traffic.jsonl -n 1000', 'registry generate -o small.jsonl -n 20 --seed 7 --mistake-rate 0 --start-date 2025-01-01'],
  load: ['registry load data/traffic.jsonl', 'registry load data/traffic.jsonl --db data/test.sqlite --no-replay-clock'],
  'day-start': ['registry day-start', 'registry day-start --date 2025-06-30 --db data/test.sqlite'],
  state: [
    'registry state 1900012374324 --table',
    'registry state 1900012374324 --effective-at 2025-06-15 --known-at 2025-06-20T09:00:00Z',
  ],
  history: ['registry history 1900012374324', 'registry history 1900012374324 --participant 1000000001 --json'],
  timeline: ['registry timeline 1900012374324 --table', 'registry timeline 1900012374324 --known-at 2025-06-20T09:00:00Z'],
  diff: ['registry diff 1900012374324 --from-effective-at 2025-05-01 --to-effective-at 2025-07-01 --text'],
  explain: ['registry explain 1900012374324 --item supplier --date 2025-06-15 --text'],
  rebuild: [
    'registry rebuild --out data/views-rebuilt.sqlite',
    'registry rebuild --known-at 2025-06-30T23:00:00Z --out data/views-as-known-2025-06-30.sqlite',
  ],
  verify: ['registry verify', 'registry verify --db data/registry.sqlite --views data/registry-views.sqlite --keep data/views-check.sqlite'],
  extract: ['registry extract --participant 1000000001 --date 2025-06-15 --out portfolio.csv'],
  'copy-store': ['registry copy-store --to postgres://registry@db:5432/registry --views data/registry-views-pg.sqlite'],
  demo: ['registry demo', 'registry demo -n 100'],
  send: [
    'registry send data/traffic.jsonl --url http://localhost:3000',
    'registry send if031.json --url https://regs.example.org --channel IF-031 --key supplier.key.pem --cert supplier.crt.pem',
  ],
  'sign-request': [
    'registry sign-request -p 9000000003 -X GET -u /mpans/1900012374324 -f curl',
    'registry sign-request -p 1000000001 -X POST -u /dip-channel/IF-031 --body-file if031.json -f json',
  ],
};

/** The text after the program's own help: the commands' examples, exit codes, where to read more. */
export const PROGRAM_HELP_AFTER = [
  '',
  'Examples:',
  '  registry generate -o data/traffic.jsonl -n 1000 && registry load data/traffic.jsonl',
  '  registry state 1900012374324 --table',
  '  registry verify',
  '  registry serve',
  '',
  'Every command reads the configuration of the service (environment variables, REGISTRY_CONFIG_FILE;',
  'README "Configuration"). Exit codes: 0 done, 1 failed or found a difference (one line on stderr;',
  'add --debug for the stack trace), 2 wrong command line. More: docs/cli.md.',
].join('\n');

/**
 * Adds "Examples:" from {@link COMMAND_EXAMPLES} to the help of each of `program`'s commands (not
 * to one whose help already shows an example), and {@link PROGRAM_HELP_AFTER} to the program's.
 * Call once all commands are registered.
 */
export function addHelpExamples(program: Command): Command {
  program.addHelpText('after', PROGRAM_HELP_AFTER);
  for (const command of program.commands) {
    const examples = COMMAND_EXAMPLES[command.name()];
    if (examples === undefined || /\nExamples?:/.test(helpAfterOf(command))) continue;
    command.addHelpText('after', ['', 'Examples:', ...examples.map((e) => `  ${e}`)].join('\n'));
  }
  return program;
}

/** The "after" help text a command already has (commander keeps it in its help output only). */
function helpAfterOf(command: Command): string {
  let text = '';
  const previous = { ...command.configureOutput() };
  command.configureOutput({ writeOut: (s) => void (text += s) });
  command.outputHelp();
  command.configureOutput(previous);
  return text;
}
