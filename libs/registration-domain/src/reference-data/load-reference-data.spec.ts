import sampleJson from '../../../../reference-data/participants.json';
import { LocalDate } from '../shared/local-date';
import { parseReferenceData, ReferenceDataError, ReferenceDataProblem } from './load-reference-data';

type Doc = { version: unknown; participants: Record<string, unknown>[]; distributors: Record<string, unknown>[]; [k: string]: unknown };
const sample = (): Doc => structuredClone(sampleJson) as unknown as Doc;
const d = (s: string) => s as LocalDate;

/** The problems `parseReferenceData` reports for the sample after `edit`. */
function problemsAfter(edit: (doc: Doc) => void): ReadonlyArray<ReferenceDataProblem> {
  const doc = sample();
  edit(doc);
  try {
    parseReferenceData(doc);
  } catch (e) {
    if (e instanceof ReferenceDataError) return e.problems;
    throw e;
  }
  throw new Error('expected the document to be rejected');
}
const participantIndex = (doc: Doc, dipId: string) => doc.participants.findIndex((p) => p['dipId'] === dipId);
/** Index of Brightwater Energy (1000000001, SUP) in the sample. */
const B = participantIndex(sample(), '1000000001');
const distributor = (doc: Doc, id: string) => doc.distributors.find((x) => x['distributorId'] === id)!;

describe('parseReferenceData', () => {
  describe('the sample file (reference-data/participants.json)', () => {
    const ref = parseReferenceData(sampleJson);

    it('loads with its version, every participant and every distributor 10–36', () => {
      expect(ref.version).toBe('sample-2025.1');
      expect(ref.participants()).toHaveLength(sampleJson.participants.length);
      expect(ref.distributors().map((x) => x.distributorId)).toEqual(
        Array.from({ length: 27 }, (_, i) => String(10 + i)),
      );
    });

    it('looks participants and distributors up by id', () => {
      expect(ref.participant('1000000001')).toEqual({
        dipId: '1000000001',
        mpid: 'BRWE',
        name: 'Brightwater Energy',
        distributorId: null,
        roles: [{ role: 'SUP', effectiveFrom: '2020-01-01', effectiveTo: null }],
      });
      expect(ref.distributor('19')).toEqual({
        distributorId: '19',
        kind: 'DNO',
        name: 'South East',
        gspGroupId: '_J',
        ldsoDipId: '3000000019',
      });
      expect([ref.participant('0000000000'), ref.distributor('37')]).toEqual([undefined, undefined]);
    });

    it('holdsRole is inclusive at both ends of a role period', () => {
      expect(ref.holdsRole('1000000005', 'SUP', d('2020-01-01'))).toBe(true);
      expect(ref.holdsRole('1000000005', 'SUP', d('2025-06-30'))).toBe(true);
      expect(ref.holdsRole('1000000005', 'SUP', d('2025-07-01'))).toBe(false);
      expect(ref.holdsRole('1000000005', 'SUP', d('2019-12-31'))).toBe(false);
      expect(ref.holdsRole('2000000002', 'MSA', d('2025-04-01'))).toBe(true);
      expect(ref.holdsRole('1000000001', 'LDSO', d('2025-04-01'))).toBe(false);
      expect(ref.holdsRole('0000000000', 'SUP', d('2025-04-01'))).toBe(false);
    });
  });

  describe('each kind of bad input is reported with its JSON path', () => {
    it('not an object', () => {
      expect(() => parseReferenceData([])).toThrow(new Error('invalid reference data (1 problem):\n- $: expected an object, got an array'));
    });

    it('version must be a non-empty string', () => {
      expect(problemsAfter((doc) => (doc.version = ' '))).toEqual([{ path: '$.version', message: 'expected a non-empty string, got " "' }]);
    });

    it('missing and unknown properties', () => {
      expect(
        problemsAfter((doc) => {
          delete doc.participants[B]!['name'];
          doc.participants[B]!['mpId'] = 'BRWE';
        }),
      ).toEqual([
        { path: `$.participants[${B}].mpId`, message: 'unknown property (expected dipId, mpid, name, roles, distributorId)' },
        { path: `$.participants[${B}].name`, message: 'is missing' },
      ]);
    });

    it('DIP ids are 10 digits', () => {
      expect(problemsAfter((doc) => (doc.participants[B]!['dipId'] = '100000001'))).toEqual([
        { path: `$.participants[${B}].dipId`, message: '"100000001" is not a 10-digit DIP id' },
      ]);
    });

    it('DIP ids are unique', () => {
      const i = participantIndex(sample(), '1000000002');
      expect(problemsAfter((doc) => (doc.participants[i]!['dipId'] = '1000000001'))).toEqual([
        { path: `$.participants[${i}].dipId`, message: `DIP id 1000000001 is already used by $.participants[${i - 1}]` },
      ]);
    });

    it('MPIDs are 4 uppercase letters', () => {
      expect(problemsAfter((doc) => (doc.participants[B]!['mpid'] = 'Brwe'))).toEqual([
        { path: `$.participants[${B}].mpid`, message: '"Brwe" is not an MPID of 4 uppercase letters' },
      ]);
    });

    it('role codes come from ROLE_CODES', () => {
      expect(problemsAfter((doc) => ((doc.participants[B]!['roles'] as Record<string, unknown>[])[0]!['role'] = 'MOP'))).toEqual([
        {
          path: `$.participants[${B}].roles[0].role`,
          message: '"MOP" is not a role code (one of SUP, REGS, LDSO, CSS, SDS, ADS, UMSDS, MSS, MSA, UMSO, MDR, MDS, LSS, EES, DCC)',
        },
      ]);
    });

    it('role dates are calendar-valid, with from ≤ to', () => {
      expect(
        problemsAfter((doc) => {
          const roles = doc.participants[B]!['roles'] as Record<string, unknown>[];
          roles[0]!['effectiveFrom'] = '2025-02-29';
          roles.push({ role: 'SDS', effectiveFrom: '2025-05-01', effectiveTo: '2025-04-30' });
        }),
      ).toEqual([
        { path: `$.participants[${B}].roles[0].effectiveFrom`, message: '"2025-02-29" is not a calendar-valid YYYY-MM-DD date' },
        { path: `$.participants[${B}].roles[1].effectiveTo`, message: 'effectiveTo 2025-04-30 is before effectiveFrom 2025-05-01' },
      ]);
    });

    it('a participant holds at least one role', () => {
      expect(problemsAfter((doc) => (doc.participants[B]!['roles'] = []))).toEqual([
        { path: `$.participants[${B}].roles`, message: 'a participant must hold at least one role' },
      ]);
    });

    it('distributor ids are two digits and unique', () => {
      expect(
        problemsAfter((doc) => {
          doc.distributors[26]!['distributorId'] = '3X';
          doc.distributors[25]!['distributorId'] = '34';
        }),
      ).toEqual([
        { path: '$.distributors[26].distributorId', message: '"3X" is not a two-digit distributor id' },
        { path: '$.distributors[25].distributorId', message: 'distributor id 34 is already used by $.distributors[24]' },
        // 35's LDSO now points at a participant whose distributorId is 35, not 34; 36's at "3X".
        { path: '$.distributors[25].ldsoDipId', message: 'participant 3000000035 ($.participants[25]) has distributorId "35", not "34"' },
        { path: '$.distributors[26].ldsoDipId', message: 'participant 3000000036 ($.participants[26]) has distributorId "36", not "3X"' },
        { path: '$.participants[25].distributorId', message: 'distributor id 35 is not a listed distributor' },
        { path: '$.participants[26].distributorId', message: 'distributor id 36 is not a listed distributor' },
      ]);
    });

    it('a DNO is 10–23 with one of the 14 GSP groups, each GSP group used by one DNO', () => {
      expect(
        problemsAfter((doc) => {
          distributor(doc, '10')['gspGroupId'] = '_I';
          distributor(doc, '11')['gspGroupId'] = '_C';
          const idno = distributor(doc, '24');
          idno['kind'] = 'DNO';
          idno['gspGroupId'] = '_O';
        }),
      ).toEqual([
        { path: '$.distributors[0].gspGroupId', message: '"_I" is not one of the 14 GSP groups (_A to _P without _I and _O)' },
        { path: '$.distributors[14].distributorId', message: 'DNO distributor id must be 10 to 23, got 24' },
        { path: '$.distributors[14].gspGroupId', message: '"_O" is not one of the 14 GSP groups (_A to _P without _I and _O)' },
        { path: '$.distributors[2].gspGroupId', message: 'GSP group _C is already the group of the DNO at $.distributors[1]' },
      ]);
    });

    it('an IDNO is 24 upward with a null GSP group; kind is DNO or IDNO', () => {
      expect(
        problemsAfter((doc) => {
          distributor(doc, '29')['gspGroupId'] = '_J';
          distributor(doc, '12')['kind'] = 'IDNO';
          distributor(doc, '13')['kind'] = 'dno';
        }),
      ).toEqual([
        { path: '$.distributors[2].distributorId', message: 'IDNO distributor id must be 24 or above, got 12' },
        { path: '$.distributors[2].gspGroupId', message: 'an IDNO has no GSP group of its own: expected null, got "_C"' },
        { path: '$.distributors[3].kind', message: '"dno" is not a distributor kind (DNO or IDNO)' },
        { path: '$.distributors[19].gspGroupId', message: 'an IDNO has no GSP group of its own: expected null, got "_J"' },
      ]);
    });

    it("each distributor's ldsoDipId is a listed participant holding LDSO under that distributor id", () => {
      expect(
        problemsAfter((doc) => {
          distributor(doc, '10')['ldsoDipId'] = '3999999999';
          distributor(doc, '11')['ldsoDipId'] = '1000000001';
          distributor(doc, '12')['ldsoDipId'] = '3000000013';
          distributor(doc, '14')['ldsoDipId'] = 'EELC';
        }),
      ).toEqual([
        { path: '$.distributors[4].ldsoDipId', message: '"EELC" is not a 10-digit DIP id' },
        { path: '$.distributors[0].ldsoDipId', message: 'LDSO DIP id 3999999999 is not a listed participant' },
        { path: '$.distributors[1].ldsoDipId', message: `participant 1000000001 ($.participants[${B}]) does not hold role LDSO` },
        { path: '$.distributors[1].ldsoDipId', message: `participant 1000000001 ($.participants[${B}]) has distributorId null, not "11"` },
        { path: '$.distributors[2].ldsoDipId', message: 'participant 3000000013 ($.participants[3]) has distributorId "13", not "12"' },
      ]);
    });

    it('every problem is listed in one Error, one line each', () => {
      const doc = sample();
      doc.version = '';
      doc.participants[B]!['dipId'] = 'x';
      doc.distributors[0]!['gspGroupId'] = null;
      expect(() => parseReferenceData(doc)).toThrow(
        new Error(
          'invalid reference data (3 problems):\n' +
            '- $.version: expected a non-empty string, got ""\n' +
            `- $.participants[${B}].dipId: "x" is not a 10-digit DIP id\n` +
            '- $.distributors[0].gspGroupId: null is not one of the 14 GSP groups (_A to _P without _I and _O)',
        ),
      );
    });
  });
});
