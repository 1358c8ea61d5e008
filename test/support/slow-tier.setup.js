// Integration and e2e tiers: a hang guard of 180 s per test (jest's default is 5 s). Not a speed
// check — speed is measured by `npm run bench`.
jest.setTimeout(180_000);
