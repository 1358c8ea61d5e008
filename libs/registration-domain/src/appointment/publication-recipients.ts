import { CreatedMpanState } from '../registration/state';
import { ReferenceData, RoleCode } from '../reference-data/reference-data';
import { LocalDate } from '../shared/local-date';
import { valueOn } from '../shared/timeline';
import { ServiceType } from './commands';
import { PublicationIssued, PublicationRecipient } from './publications';
import { AppointedService } from './state';

/**
 * Building blocks of `publicationsFor`: who holds a role for an MPAN on a date, and the
 * `PublicationIssued` record itself. Recipients are de-duplicated by DIP id, first mention kept.
 */

/** A `PublicationIssued` for an event of `mpanCore`; recipients de-duplicated by DIP id. */
export function publication(
  event: { type: string; data: { mpanCore: string } },
  interfaceId: string,
  eventCode: string,
  recipients: PublicationRecipient[],
  appointmentId: string | null,
): PublicationIssued {
  return {
    type: 'PublicationIssued',
    data: {
      mpanCore: event.data.mpanCore,
      interfaceId,
      eventCode,
      recipients: unique(recipients),
      causedByEventType: event.type,
      appointmentId,
    },
  };
}

/** The provider of an appointment, in the role it was appointed in (set by the decider from the segment). */
export const providerOf = (r: Pick<AppointedService, 'providerRole' | 'providerDipId'>): PublicationRecipient => ({
  role: r.providerRole as RoleCode,
  dipId: r.providerDipId,
});

/** The provider of `serviceType` appointed on `date`, if any. */
export function providersOn(state: CreatedMpanState, serviceType: ServiceType, date: LocalDate): PublicationRecipient[] {
  const appointed = valueOn(state.appointments[serviceType], date);
  return appointed ? [providerOf(appointed)] : [];
}

/** The supplier registered on `date`, if any. */
export function supplierOn(state: CreatedMpanState, date: LocalDate): PublicationRecipient[] {
  const supplier = valueOn(state.suppliers, date);
  return supplier ? [{ role: 'SUP', dipId: supplier.supplierDipId }] : [];
}

/** The LDSO of the MPAN's distributor id. */
export function ldsoOf(state: CreatedMpanState, ref: ReferenceData): PublicationRecipient[] {
  const distributor = ref.distributor(state.distributorId);
  return distributor ? [{ role: 'LDSO', dipId: distributor.ldsoDipId }] : [];
}

/**
 * Every participant holding `role` on `date` (MDS, EES, LSS, DCC: market-wide roles).
 * @throws Error when `ref` cannot list participants.
 */
export function holders(ref: ReferenceData, role: RoleCode, date: LocalDate): PublicationRecipient[] {
  if (!ref.participants) {
    throw new Error(`reference data ${ref.version} cannot list participants, so the ${role} recipients are unknown`);
  }
  return ref.participants().filter((p) => ref.holdsRole(p.dipId, role, date)).map((p) => ({ role, dipId: p.dipId }));
}

function unique(recipients: PublicationRecipient[]): PublicationRecipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(r.dipId) && (seen.add(r.dipId), true));
}
