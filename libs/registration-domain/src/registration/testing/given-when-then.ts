import { ReferenceData } from '../../reference-data/reference-data';
import { Decision, RejectionReason } from '../../shared/rejection';
import { DecisionContext } from '../commands';
import { decide } from '../decide';
import { evolve } from '../evolve';
import { MpanCommand, MpanEvent } from '../mpan-messages';
import { initialState, MpanState } from '../state';

/**
 * Given/when/then for the MPAN decider (test support only; jest's `expect`):
 *
 *     given([mpanCreated()]).when(changeGspGroup({ gspGroupId: '_B' })).then([gspGroupChanged()]);
 *     given([]).when(changeGspGroup()).then([{ code: 'REG0000', rule: 'MpanUnknown', message: '…' }]);
 *     givenState(state).when(runDayStart()).then([]);
 *
 * `then` with events expects an acceptance with exactly those events (`[]`: accepted, nothing to
 * append); with rejection reasons (objects with a `code`) a rejection with exactly those reasons,
 * in order. `givenState` starts from a folded state (for states no event can produce yet, such as
 * a change of market segment). `when` also returns `decision` and `stateAfter` (the state folded
 * with the accepted events).
 */
export function deciderSpecification(ref: ReferenceData, ctx: DecisionContext) {
  const from = (state: MpanState) => ({
    when(command: MpanCommand) {
      const decision: Decision<MpanEvent> = decide(command, state, ctx, ref);
      const stateAfter = decision.kind === 'accepted' ? decision.events.reduce(evolve, state) : state;
      return {
        decision,
        stateAfter,
        then(expected: MpanEvent[] | RejectionReason[]): void {
          const first = expected[0];
          if (first !== undefined && 'code' in first) {
            expect(decision).toEqual({ kind: 'rejected', reasons: expected });
          } else {
            expect(decision).toEqual({ kind: 'accepted', events: expected });
          }
        },
      };
    },
  });
  return {
    given: (events: MpanEvent[]) => from(events.reduce(evolve, initialState())),
    givenState: from,
  };
}
