import { demoServeHint } from './demo-http';

describe('demoServeHint', () => {
  it('names the port the service will listen on, not always 3000', () => {
    const hint = demoServeHint('/tmp/demo.sqlite', 8081, '1900012374324');
    expect(hint).toContain('REGISTRY_SQLITE_PATH=/tmp/demo.sqlite node bin/registry.js serve');
    expect(hint).toContain('--url http://localhost:8081`');
    expect(hint).not.toContain('3000');
    expect(hint).toContain('-u /mpans/1900012374324 -f curl');
  });
});
