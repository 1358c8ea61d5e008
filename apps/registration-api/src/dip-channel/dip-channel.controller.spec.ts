import type { MessageResult } from '@app/registration-app';
import { submissionStatus } from './dip-channel.controller';

const processed = { status: 'processed' } as MessageResult;
const schemaFailure = { status: 'schema-failure' } as MessageResult;
const conflict = { status: 'conflict' } as MessageResult;
const notProcessed = { status: 'not-processed' } as MessageResult;

describe('submissionStatus (the DIP answers of POST /dip-channel/{id})', () => {
  it('201 when every message was processed', () => {
    expect(submissionStatus([processed])).toBe(201);
    expect(submissionStatus([processed, processed])).toBe(201);
  });

  it('207 when some were processed and some not', () => {
    expect(submissionStatus([processed, schemaFailure])).toBe(207);
    expect(submissionStatus([conflict, processed])).toBe(207);
    expect(submissionStatus([processed, notProcessed])).toBe(207);
  });

  it('400 when none was processed, each refused for what was sent (schema failure, reused reference)', () => {
    expect(submissionStatus([schemaFailure])).toBe(400);
    expect(submissionStatus([conflict])).toBe(400);
    expect(submissionStatus([schemaFailure, conflict, schemaFailure])).toBe(400);
  });

  it('503 when none was processed and the store failed on one', () => {
    expect(submissionStatus([notProcessed])).toBe(503);
    expect(submissionStatus([schemaFailure, notProcessed])).toBe(503);
  });
});
