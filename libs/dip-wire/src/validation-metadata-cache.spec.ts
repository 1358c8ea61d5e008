import 'reflect-metadata';
import { getMetadataStorage, IsString, Length, MetadataStorage, validateSync, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import * as blocks from './dto/blocks.dto';
import * as common from './dto/common-block.dto';
import * as custom from './dto/custom-blocks.dto';
import { installValidationMetadataCache } from './validation-metadata-cache';
import './validate-dip-message';

/** The class-validator prototype methods, bypassing the memo (what an uncached storage computes). */
const uncached = MetadataStorage.prototype;

type TargetClass = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];
const dtoClasses = ([...Object.values(blocks), ...Object.values(common), ...Object.values(custom)] as unknown[]).filter(
  (value): value is TargetClass => typeof value === 'function',
);

describe('installValidationMetadataCache', () => {
  const storage = getMetadataStorage();

  it('is installed on the process-wide storage once validate-dip-message is loaded, and is idempotent', () => {
    expect(Object.hasOwn(storage, 'getTargetValidationMetadatas')).toBe(true);
    const memo = storage.getTargetValidationMetadatas;
    expect(installValidationMetadataCache(storage)).toBe(storage);
    expect(storage.getTargetValidationMetadatas).toBe(memo);
  });

  it('gives, for every DIP DTO class, the same metadata and grouping as class-validator computes, and the same array on a repeat', () => {
    expect(dtoClasses.length).toBeGreaterThan(30);
    for (const dto of dtoClasses) {
      for (const schema of [undefined, 'SomeParent']) {
        const expected = uncached.getTargetValidationMetadatas.call(storage, dto, schema as unknown as string, false, false, undefined);
        const first = storage.getTargetValidationMetadatas(dto, schema as unknown as string, false, false, undefined);
        expect(first).toEqual(expected);
        expect(storage.getTargetValidationMetadatas(dto, schema as unknown as string, false, false, undefined)).toBe(first);
        expect(storage.groupByPropertyName(first)).toEqual(uncached.groupByPropertyName.call(storage, expected));
      }
    }
  });

  it('does not memoise look-ups with groups, nor groupings of arrays it did not produce', () => {
    const dto = dtoClasses[0]!;
    const a = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, ['g']);
    const b = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false, ['g']);
    expect(a).not.toBe(b);
    expect(a).toEqual(uncached.getTargetValidationMetadatas.call(storage, dto, undefined as unknown as string, false, false, ['g']));
    const own = [...storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false)];
    const grouped = storage.groupByPropertyName(own);
    own.pop();
    expect(storage.groupByPropertyName(own)).not.toBe(grouped);
  });

  it('sees classes decorated after a look-up: new metadata empties the memo', () => {
    class Child {
      @IsString()
      name!: string;
    }
    class Parent {
      @ValidateNested()
      @Type(() => Child)
      child!: Child;
    }
    const before = storage.getTargetValidationMetadatas(Parent, undefined as unknown as string, false, false);
    // A decorator applied now (as a class defined later would) adds metadata to Parent.
    Length(1, 2)(Parent.prototype, 'code');
    const after = storage.getTargetValidationMetadatas(Parent, undefined as unknown as string, false, false);
    expect(after).not.toBe(before);
    expect(after.map((m) => m.propertyName).sort()).toEqual(['child', 'code']);

    const parent = Object.assign(new Parent(), { child: Object.assign(new Child(), { name: 7 }), code: 'abc' });
    const errors = validateSync(parent, { forbidUnknownValues: true });
    expect(errors.map((e) => e.property).sort()).toEqual(['child', 'code']);
    expect(errors.find((e) => e.property === 'child')?.children?.[0]?.constraints).toEqual({ isString: 'name must be a string' });
  });
});
