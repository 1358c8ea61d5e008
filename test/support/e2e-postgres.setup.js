// Setup file of the jest project `e2e-postgres` (jest.config.js): the same e2e tests, with every
// app's event store and views (MPAN query view, notification feed) in a throw-away PostgreSQL
// database (test/support/app.ts, startTestApp).
process.env.REGISTRY_E2E_STORE = 'postgres';
