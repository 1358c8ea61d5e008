import sampleJson from '../../../../reference-data/participants.json';
import { parseReferenceData } from '../reference-data/load-reference-data';
import { distributorKnownIn } from '../reference-data/reference-data';
import { mpanCheckDigit, MpanCore, mpanStreamName } from './mpan-core';

const ref = parseReferenceData(sampleJson);
const parse = (raw: string) => MpanCore.parse(raw, distributorKnownIn(ref));
const rejected = (rule: string, message: string) => ({ ok: false, reason: { code: 'REG0000', rule, message } });

describe('MpanCore (mhhs-domain.md §1.2–1.4)', () => {
  describe('worked examples that validate (§1.3)', () => {
    it.each([
      ['1012345678903', 3],
      ['1200000123450', 0],
      ['1744556677889', 9],
      ['2398765432102', 2],
      ['2900000000016', 6],
    ])('%s has check digit %i', (core, check) => {
      expect(mpanCheckDigit(core.slice(0, 12))).toBe(check);
      expect(parse(core)).toEqual({ ok: true, value: core, distributorId: core.slice(0, 2) });
    });

    it('a remainder of 10 gives check digit 0 (2312345678900: sum 1352, mod 11 = 10)', () => {
      expect(mpanCheckDigit('231234567890')).toBe(0);
      expect(parse('2312345678900')).toEqual({ ok: true, value: '2312345678900', distributorId: '23' });
    });

    it.each(['2000056535971', '1900012374324', '1030006718997'])('published core %s validates', (core) => {
      expect(parse(core).ok).toBe(true);
    });
  });

  describe('invalid examples (§1.3): REG0000 with the value named', () => {
    it('wrong check digit: 1012345678904 (expected 3)', () => {
      expect(parse('1012345678904')).toEqual(
        rejected('MpanCoreCheckDigit', 'MPAN core 1012345678904 fails the check digit: expected 3, got 4'),
      );
    });

    it('transposed digits 3 and 4: 1021345678903 (expected 8)', () => {
      expect(parse('1021345678903')).toEqual(
        rejected('MpanCoreCheckDigit', 'MPAN core 1021345678903 fails the check digit: expected 8, got 3'),
      );
    });

    it.each([
      ['2000056535972', 1, 2],
      ['1234567890123', 6, 3],
      ['1200000000000', 2, 0],
      ['1099999999997', 0, 7],
      ['2099999999386', 0, 6],
    ])('published core %s fails the checksum (expected %i, got %i)', (core, expected, got) => {
      expect(parse(core)).toEqual(
        rejected('MpanCoreCheckDigit', `MPAN core ${core} fails the check digit: expected ${expected}, got ${got}`),
      );
    });

    it.each([
      ['1234567891', 'only 10 digits'],
      ['10123456789030', '14 digits'],
      ['', 'empty'],
      ['101234567890A', 'a letter'],
      [' 1012345678903', 'leading space'],
    ])('wrong length or characters: %j (%s)', (raw) => {
      expect(parse(raw)).toEqual(rejected('MpanCoreFormat', `MPAN core ${JSON.stringify(raw)} must be exactly 13 digits`));
    });

    it('non-ASCII digits are not digits: Arabic-Indic ١٠١٢٣٤٥٦٧٨٩٠٣ and full-width １０１２３４５６７８９０３', () => {
      for (const raw of ['١٠١٢٣٤٥٦٧٨٩٠٣', '１０１２３４５６７８９０３']) {
        expect(parse(raw)).toEqual(rejected('MpanCoreFormat', `MPAN core ${JSON.stringify(raw)} must be exactly 13 digits`));
      }
    });

    it.each([
      ['3712345678900', '37'],
      ['9912345678906', '99'],
    ])('unknown distributor id: %s (distributor %s, valid check digit)', (core, id) => {
      expect(parse(core)).toEqual(
        rejected('MpanCoreDistributorUnknown', `MPAN core ${core} has distributor id ${id}, which is not a known DNO or IDNO`),
      );
    });

    it('mpanCheckDigit refuses anything but 12 ASCII digits', () => {
      expect(() => mpanCheckDigit('12345')).toThrow(RangeError);
    });
  });

  describe('distributor table (§1.4) through the sample reference data', () => {
    const DNOS: Array<[string, string, string]> = [
      ['10', 'EELC', '_A'], ['11', 'EMEB', '_B'], ['12', 'LOND', '_C'], ['13', 'MANW', '_D'], ['14', 'MIDE', '_E'],
      ['15', 'NEEB', '_F'], ['16', 'NORW', '_G'], ['17', 'HYDE', '_P'], ['18', 'SPOW', '_N'], ['19', 'SEEB', '_J'],
      ['20', 'SOUT', '_H'], ['21', 'SWAE', '_K'], ['22', 'SWEB', '_L'], ['23', 'YELG', '_M'],
    ];
    const IDNOS: Array<[string, string]> = [
      ['24', 'IPNL'], ['25', 'LENG'], ['26', 'GUCL'], ['27', 'ETCL'], ['28', 'EDFI'], ['29', 'HARL'], ['30', 'PENL'],
      ['31', 'UKPD'], ['32', 'UDNL'], ['33', 'GGEN'], ['34', 'MPDL'], ['35', 'FEAL'], ['36', 'VATT'],
    ];
    const coreFor = (id: string) => {
      const first12 = `${id}1234567890`;
      return `${first12}${mpanCheckDigit(first12)}`;
    };

    it.each(DNOS)('DNO %s (%s) is accepted, GSP group %s', (id, mpid, gsp) => {
      expect(parse(coreFor(id))).toEqual({ ok: true, value: coreFor(id), distributorId: id });
      const distributor = ref.distributor(id)!;
      expect({ kind: distributor.kind, gsp: distributor.gspGroupId, mpid: ref.participant(distributor.ldsoDipId)?.mpid }).toEqual({
        kind: 'DNO',
        gsp,
        mpid,
      });
    });

    it.each(IDNOS)('IDNO %s (%s) is accepted, no GSP group of its own', (id, mpid) => {
      expect(parse(coreFor(id))).toEqual({ ok: true, value: coreFor(id), distributorId: id });
      const distributor = ref.distributor(id)!;
      expect({ kind: distributor.kind, gsp: distributor.gspGroupId, mpid: ref.participant(distributor.ldsoDipId)?.mpid }).toEqual({
        kind: 'IDNO',
        gsp: null,
        mpid,
      });
    });
  });

  it('stream name is mpan-<core>', () => {
    expect(mpanStreamName('1012345678903' as MpanCore)).toBe('mpan-1012345678903');
    expect(MpanCore.distributorId('2900000000016' as MpanCore)).toBe('29');
  });
});
