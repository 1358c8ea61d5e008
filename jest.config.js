// Three test tiers (docs/testing.md): unit specs next to the code, integration specs against real
// stores (a SQLite file; PostgreSQL in its own throw-away database), e2e specs over HTTP against the real app.
const moduleNameMapper = {
  '^@app/registration-domain(|/.*)$': '<rootDir>/libs/registration-domain/src$1',
  '^@app/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
  '^@app/dip-wire(|/.*)$': '<rootDir>/libs/dip-wire/src$1',
  '^@app/registration-app(|/.*)$': '<rootDir>/libs/registration-app/src$1',
  '^@app/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
};
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  testEnvironment: 'node',
  moduleNameMapper,
};
/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
