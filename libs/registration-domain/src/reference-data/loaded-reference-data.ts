import { LocalDate } from '../shared/local-date';
import { Distributor, Participant, ReferenceData, RoleCode } from './reference-data';

/**
 * Reference data held in memory with map look-ups (O(1) by DIP id and by distributor id).
 * Normally built by {@link parseReferenceData}, which validates the content first.
 */
export class LoadedReferenceData implements ReferenceData {
  private readonly participantsByDipId: ReadonlyMap<string, Participant>;
  private readonly distributorsById: ReadonlyMap<string, Distributor>;

  constructor(
    readonly version: string,
    participants: Participant[],
    distributors: Distributor[],
  ) {
    this.participantsByDipId = new Map(participants.map((p) => [p.dipId, p]));
    this.distributorsById = new Map(distributors.map((d) => [d.distributorId, d]));
  }

  participant(dipId: string): Participant | undefined {
    return this.participantsByDipId.get(dipId);
  }

  distributor(distributorId: string): Distributor | undefined {
    return this.distributorsById.get(distributorId);
  }

  holdsRole(dipId: string, role: RoleCode, date: LocalDate): boolean {
    const p = this.participantsByDipId.get(dipId);
    return (
      p !== undefined &&
      p.roles.some((r) => r.role === role && r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo))
    );
  }

  /** Every participant, in file order. */
  participants(): Participant[] {
    return [...this.participantsByDipId.values()];
  }

  /** Every distributor, in file order. */
  distributors(): Distributor[] {
    return [...this.distributorsById.values()];
  }
}
