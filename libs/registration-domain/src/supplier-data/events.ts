import { IhdInstallStatus } from '../metering/commands';
import { ConsentGranularity } from './commands';

/**
 * Events of supplier-maintained data (IF-025 accepted → IF-026). Dates are `YYYY-MM-DD`
 * settlement days; `supplierDipId` is the sender, the supplier registered on the effective date.
 */

/** `[SSCandProfileClass]`: a `null` date means that item was not changed; a `null` value with a date clears it. */
export interface SscAndProfileClassChanged {
  type: 'SscAndProfileClassChanged';
  data: {
    mpanCore: string;
    profileClass: string | null;
    profileClassEffectiveFromDate: string | null;
    ssc: string | null;
    sscEffectiveFromDate: string | null;
    supplierDipId: string;
  };
}

export interface ConsentGranularityChanged {
  type: 'ConsentGranularityChanged';
  data: { mpanCore: string; consentGranularity: ConsentGranularity; effectiveFromDate: string; supplierDipId: string };
}

/** `[IHDInfo]` from the supplier (the metering service's B030 rides on its IF-005 meter events). */
export interface IhdInfoChanged {
  type: 'IhdInfoChanged';
  data: { mpanCore: string; ihdInstallStatus: IhdInstallStatus | null; effectiveFromDate: string; supplierDipId: string };
}

export interface SmsoChanged {
  type: 'SmsoChanged';
  data: { mpanCore: string; smsoId: string | null; effectiveFromDate: string; supplierDipId: string };
}

export type SupplierDataEvent = SscAndProfileClassChanged | ConsentGranularityChanged | IhdInfoChanged | SmsoChanged;

export const SUPPLIER_DATA_EVENT_TYPES: ReadonlyArray<SupplierDataEvent['type']> = [
  'SscAndProfileClassChanged',
  'ConsentGranularityChanged',
  'IhdInfoChanged',
  'SmsoChanged',
];

/** The IF-025/IF-026 event code of each supplier data event. */
export const SUPPLIER_DATA_EVENT_CODES: Readonly<Record<SupplierDataEvent['type'], string>> = {
  SscAndProfileClassChanged: '[SSCandProfileClass]',
  ConsentGranularityChanged: '[ConsentGranularity]',
  IhdInfoChanged: '[IHDInfo]',
  SmsoChanged: '[SMSO]',
};
