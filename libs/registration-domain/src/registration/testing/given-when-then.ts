import { ReferenceData } from '../../reference-data/reference-data';
import { Decision, RejectionReason } from '../../shared/rejection';
import { DecisionContext, RegistrationCommand } from '../commands';
import { decide } from '../decide';
import { evolve } from '../evolve';
import { RegistrationEvent } from '../events';
import { initialState, MpanState } from '../state';

/**
 * Given/when/then for the registration decider (test support only; jest's `expect`):
 *
 *     given([mpanCreated()]).when(changeGspGroup({ gspGroupId: '_B' })).then([gspGroupChanged()]);
 *     given([]).when(changeGspGroup()).then([{ code: 'REG0000', rule: 'MpanUnknown', message: '…' }]);
 *
 * `then` with events expects an acceptance with exactly those events; with rejection reasons
 * (objects with a `code`) a rejection with exactly those reasons, in order.
 */
export function deciderSpecification(ref: ReferenceData, ctx: DecisionContext) {
  return {
    given(events: RegistrationEvent[]) {
      const state: MpanState = events.reduce(evolve, initialState());
      return {
        when(command: RegistrationCommand) {
          const decision: Decision<RegistrationEvent> = decide(command, state, ctx, ref);
          return {
            decision,
            then(expected: RegistrationEvent[] | RejectionReason[]): void {
              const first = expected[0];
              if (first !== undefined && 'code' in first) {
                expect(decision).toEqual({ kind: 'rejected', reasons: expected });
              } else {
                expect(decision).toEqual({ kind: 'accepted', events: expected });
              }
            },
          };
        },
      };
    },
  };
}
