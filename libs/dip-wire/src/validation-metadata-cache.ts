import { getMetadataStorage, MetadataStorage } from 'class-validator';

/** class-validator's metadata record (not exported by its index). */
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
/** A validated class, as class-validator types it. */
type TargetClass = Parameters<MetadataStorage['getTargetValidationMetadatas']>[0];

/** Marks a storage the memo is installed on. */
const INSTALLED = Symbol.for('mhhs-registry.validation-metadata-cache');

/**
 * Memoises class-validator's metadata look-ups (ADR 0021, issue #9).
 *
 * class-validator 0.15 recomputes, for every object it validates (the message and each nested
 * block), the list of validation metadata of the object's class: it filters the class's entries and
 * then walks EVERY registered class testing `prototype instanceof` (inheritance), and groups the
 * result by property. With the DIP DTOs (over a hundred classes) that is the largest CPU cost of
 * validating a message. The answer only depends on the class, the schema name, the `always` and
 * `strictGroups` options and the groups, and on the metadata registered so far — which decorators
 * add once, when their classes are defined.
 *
 * This installs, on the process-wide metadata storage (`getMetadataStorage()`, the one every
 * `validate`/`validateSync` and Nest's `ValidationPipe` use), memoised versions of
 * `getTargetValidationMetadatas` and `groupByPropertyName` (own properties shadowing the
 * prototype's methods, which compute every miss). Any new metadata (`addValidationMetadata`,
 * `addValidationSchema`, `addConstraintMetadata`) empties the memo, so a class defined later is
 * seen as before. Look-ups with validation groups are not memoised (computed each time).
 * The memoised arrays and groupings are shared between calls: class-validator only reads them.
 *
 * Idempotent: a second call on the same storage does nothing. Returns the storage.
 */
export function installValidationMetadataCache(storage: MetadataStorage = getMetadataStorage()): MetadataStorage {
  const patched = storage as MetadataStorage & { [INSTALLED]?: true };
  if (patched[INSTALLED]) return storage;

  const proto = Object.getPrototypeOf(storage) as MetadataStorage;
  const computeTarget = proto.getTargetValidationMetadatas;
  const computeGrouping = proto.groupByPropertyName;
  const addValidationMetadata = proto.addValidationMetadata;
  const addConstraintMetadata = proto.addConstraintMetadata;

  // class → `${schema}|${always}|${strictGroups}` → metadata list.
  let targets = new Map<TargetClass, Map<string, ValidationMetadata[]>>();
  // metadata list (one of those memoised above, never a caller's own array) → grouping by property name.
  let groupings = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  const forget = (): void => {
    targets = new Map();
    groupings = new WeakMap();
  };

  Object.defineProperties(patched, {
    [INSTALLED]: { value: true },
    getTargetValidationMetadatas: {
      configurable: true,
      writable: true,
      value(
        this: MetadataStorage,
        targetConstructor: TargetClass,
        targetSchema: string,
        always: boolean,
        strictGroups: boolean,
        groups?: string[],
      ): ValidationMetadata[] {
        if (groups !== undefined && groups.length > 0) {
          return computeTarget.call(this, targetConstructor, targetSchema, always, strictGroups, groups);
        }
        const key = `${String(targetSchema)}|${String(always)}|${String(strictGroups)}|${groups === undefined ? 'u' : 'e'}`;
        let byKey = targets.get(targetConstructor);
        const known = byKey?.get(key);
        if (known) return known;
        const computed = computeTarget.call(this, targetConstructor, targetSchema, always, strictGroups, groups);
        if (!byKey) targets.set(targetConstructor, (byKey = new Map()));
        byKey.set(key, computed);
        groupings.set(computed, computeGrouping.call(this, computed));
        return computed;
      },
    },
    groupByPropertyName: {
      configurable: true,
      writable: true,
      value(this: MetadataStorage, metadata: ValidationMetadata[]): Record<string, ValidationMetadata[]> {
        return groupings.get(metadata) ?? computeGrouping.call(this, metadata);
      },
    },
    addValidationMetadata: {
      configurable: true,
      writable: true,
      value(this: MetadataStorage, metadata: ValidationMetadata): void {
        forget();
        addValidationMetadata.call(this, metadata);
      },
    },
    addConstraintMetadata: {
      configurable: true,
      writable: true,
      value(this: MetadataStorage, ...args: Parameters<MetadataStorage['addConstraintMetadata']>): void {
        forget();
        addConstraintMetadata.apply(this, args);
      },
    },
  });
  return storage;
}
