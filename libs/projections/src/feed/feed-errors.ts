/**
 * Errors of the participant feed API. The HTTP layer maps them: {@link FeedRequestError} → 400,
 * {@link UnknownParticipantError} → 404, {@link FeedConflictError} → 409.
 */
/** A request the feed refuses because of what it says, e.g. an unknown event code (HTTP 400). */
export class FeedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedRequestError';
  }
}

/** The DIP id names no participant of the reference data (HTTP 404). */
export class UnknownParticipantError extends Error {
  constructor(readonly dipId: string) {
    super(`no participant with DIP id ${dipId} in the reference data`);
    this.name = 'UnknownParticipantError';
  }
}

/** The request does not fit the participant's current state, e.g. a replay without a webhook (HTTP 409). */
export class FeedConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedConflictError';
  }
}
