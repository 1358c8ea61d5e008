import { Prng } from './prng';

/**
 * Plausible UK metering-point addresses (B022) for generated traffic: a postcode in an area of the
 * MPAN's GSP group, and address lines that fit DT-001 (at most 40 characters). Invented, not real
 * premises.
 */

/** Postcode areas per GSP group, each with a post town and its highest district number. */
const AREAS: Readonly<Record<string, readonly (readonly [area: string, town: string, districts: number])[]>> = {
  _A: [['CB', 'Cambridge', 11], ['NR', 'Norwich', 35], ['IP', 'Ipswich', 33], ['CO', 'Colchester', 16], ['LU', 'Luton', 7]],
  _B: [['NG', 'Nottingham', 34], ['LE', 'Leicester', 19], ['DE', 'Derby', 24], ['NN', 'Northampton', 18]],
  _C: [['E', 'London', 18], ['N', 'London', 22], ['SE', 'London', 28], ['SW', 'London', 20], ['NW', 'London', 11]],
  _D: [['L', 'Liverpool', 40], ['CH', 'Chester', 49], ['LL', 'Llandudno', 78], ['WA', 'Warrington', 16]],
  _E: [['B', 'Birmingham', 99], ['CV', 'Coventry', 37], ['WV', 'Wolverhampton', 16], ['WS', 'Walsall', 15]],
  _F: [['NE', 'Newcastle upon Tyne', 71], ['SR', 'Sunderland', 8], ['DH', 'Durham', 9], ['TS', 'Middlesbrough', 29]],
  _G: [['M', 'Manchester', 50], ['BL', 'Bolton', 9], ['PR', 'Preston', 26], ['BB', 'Blackburn', 18]],
  _H: [['SO', 'Southampton', 53], ['PO', 'Portsmouth', 41], ['RG', 'Reading', 45], ['OX', 'Oxford', 49]],
  _J: [['BN', 'Brighton', 45], ['TN', 'Tunbridge Wells', 40], ['CT', 'Canterbury', 21], ['ME', 'Maidstone', 20]],
  _K: [['CF', 'Cardiff', 83], ['SA', 'Swansea', 73], ['NP', 'Newport', 44]],
  _L: [['BS', 'Bristol', 49], ['EX', 'Exeter', 39], ['PL', 'Plymouth', 35], ['TR', 'Truro', 27]],
  _M: [['LS', 'Leeds', 29], ['S', 'Sheffield', 81], ['BD', 'Bradford', 24], ['HU', 'Hull', 20], ['YO', 'York', 62]],
  _N: [['G', 'Glasgow', 84], ['EH', 'Edinburgh', 55], ['KA', 'Kilmarnock', 30], ['DG', 'Dumfries', 16]],
  _P: [['AB', 'Aberdeen', 56], ['IV', 'Inverness', 63], ['PH', 'Perth', 50], ['DD', 'Dundee', 11]],
};

/** Letters used in the inward part of a UK postcode (C, I, K, M, O, V are never used there). */
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

const STREET_NAMES = [
  'Mill', 'Station', 'Church', 'Park', 'Victoria', 'Queens', 'Kings', 'High', 'New', 'Albert', 'Manor', 'Grange',
  'Orchard', 'Meadow', 'Chapel', 'School', 'Elm', 'Oak', 'Beech', 'Willow', 'Cedar', 'Windsor', 'Highfield',
  'Springfield', 'Green', 'Brook', 'Farm', 'West', 'North', 'South',
];
const STREET_TYPES = ['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Drive', 'Gardens', 'Crescent', 'Way', 'Terrace'];
const ESTATE_NAMES = ['Riverside', 'Meadowbank', 'Northgate', 'Eastway', 'Harbour', 'Airfield', 'Kingsway', 'Lakeside'];
const ESTATE_TYPES = ['Industrial Estate', 'Business Park', 'Trading Estate', 'Enterprise Park'];
const UNMETERED_ITEMS = ['Street lighting', 'Traffic signals', 'Illuminated bollards', 'Bus shelter lighting', 'Telecoms cabinet'];

/** The nine DT-001N address lines and the DT-007N postcode of B022, in wire form (`null` for an empty line). */
export interface WireAddress {
  meteringPointPostcode: string;
  addressLine1: string | null;
  addressLine2: string | null;
  addressLine3: string | null;
  addressLine4: string | null;
  addressLine5: string | null;
  addressLine6: string | null;
  addressLine7: string | null;
  addressLine8: string | null;
  addressLine9: string | null;
}

/** Kind of premises an address is made for. */
export type PremisesKind = 'domestic' | 'commercial' | 'unmetered';

/** The GSP group ids (DI-037), in the official order. */
export const GSP_GROUP_IDS = Object.keys(AREAS);

/**
 * A plausible address in GSP group `gspGroupId` (`_A` … `_P`).
 * @throws RangeError for an unknown GSP group id.
 */
export function randomAddress(rng: Prng, gspGroupId: string, kind: PremisesKind): WireAddress {
  const areas = AREAS[gspGroupId];
  if (!areas) throw new RangeError(`unknown GSP group ${JSON.stringify(gspGroupId)}`);
  const [area, town, districts] = rng.pick(areas);
  const postcode = `${area}${rng.int(1, districts)} ${rng.int(1, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`;
  const street = `${rng.pick(STREET_NAMES)} ${rng.pick(STREET_TYPES)}`;
  let lines: string[];
  if (kind === 'domestic') {
    lines = rng.chance(0.15)
      ? [`Flat ${rng.int(1, 24)}`, `${rng.int(1, 180)} ${street}`, town]
      : [`${rng.int(1, 240)} ${street}`, town];
  } else if (kind === 'commercial') {
    lines = [`Unit ${rng.int(1, 60)}`, `${rng.pick(ESTATE_NAMES)} ${rng.pick(ESTATE_TYPES)}`, town];
  } else {
    lines = [`${rng.pick(UNMETERED_ITEMS)}`, street, town];
  }
  const line = (i: number) => lines[i] ?? null;
  return {
    meteringPointPostcode: postcode,
    addressLine1: line(0),
    addressLine2: line(1),
    addressLine3: line(2),
    addressLine4: line(3),
    addressLine5: line(4),
    addressLine6: line(5),
    addressLine7: line(6),
    addressLine8: line(7),
    addressLine9: line(8),
  };
}
