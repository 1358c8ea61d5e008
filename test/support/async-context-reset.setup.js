// Every tier (jest.config.js `setupFilesAfterEnv`): before each test file, disables the
// AsyncLocalStorage instances that the files before it, in the same jest process, left enabled.
//
// jest runs many files one after another in one process (a worker, or the main process in band),
// each with a fresh module registry: every file that loads the app creates and enables its own
// AsyncLocalStorage (the registry's message log context, nestjs-pino's request context). Node keeps
// every enabled storage in one process-wide list and calls each of them on every promise created,
// so after a hundred files each `await` paid for a hundred storages: measured, 300,000 awaits took
// 31 ms with none, 0.3 s with 10, 6.7 s with 100 (Node 20; docs/testing.md "Run time"). The
// storages of a file that has finished are never read again; disabling one removes it from the list
// (its getStore() then answers undefined; a later run() would enable it again, and be counted again).
const { AsyncLocalStorage } = require('node:async_hooks');

// The node:async_hooks module is the process's own, shared by every file: patch it once.
const ENABLED = Symbol.for('regs.test.enabledAsyncLocalStorages');
const proto = AsyncLocalStorage.prototype;
if (proto[ENABLED] === undefined) {
  const enabled = new Set();
  for (const method of ['run', 'enterWith']) {
    const original = proto[method];
    proto[method] = function recordEnabled(...args) {
      enabled.add(this);
      return original.apply(this, args);
    };
  }
  Object.defineProperty(proto, ENABLED, { value: enabled });
}
for (const storage of proto[ENABLED]) storage.disable();
proto[ENABLED].clear();
