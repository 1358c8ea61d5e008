import { Logger } from '@nestjs/common';
import { DipAuthSettings, DipKeyring, DipKeyringError, loadDipKeyringFile } from '@app/dip-auth';
import { BootError, loadReferenceDataFile, RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';

/**
 * Reads and checks the keyring of `config.auth` (`REGISTRY_DIP_KEYRING`, `REGISTRY_PRODUCTION`;
 * docs/security.md) against the reference data (read from `config.referenceDataPath` unless
 * given). Called by `createApiApp` before anything is opened, so a bad keyring stops the boot
 * cleanly:
 *
 * - the keyring file is read and every key checked against the reference data;
 * - in production mode it must hold at least one key that is not a public sample key (else no
 *   participant could sign: the service would refuse everything);
 * - a warning when no usable key is registered to the registry's own DIP id (no operator
 *   credential), and, outside production mode, when published sample keys are accepted.
 *
 * @throws BootError naming the keyring file and every problem in it, or the production-mode
 *   problem; the reference-data loader's Error for an unreadable participants file.
 */
export function loadAuthKeyring(config: RegistryConfig, referenceData?: ReferenceData, logger: Pick<Logger, 'warn'> = new Logger('Auth')): DipKeyring {
  const { keyringPath, production } = config.auth;
  let keyring: DipKeyring;
  try {
    keyring = loadDipKeyringFile(keyringPath, referenceData ?? loadReferenceDataFile(config.referenceDataPath));
  } catch (error) {
    if (error instanceof DipKeyringError) throw new BootError(`the DIP keyring ${keyringPath} (REGISTRY_DIP_KEYRING) is unusable: ${error.message}`);
    throw error;
  }
  const samples = keyring.sampleKeyCount();
  if (production && samples === keyring.size) {
    throw new BootError(
      `REGISTRY_PRODUCTION=true but every key of the DIP keyring ${keyringPath} is a public sample key (refused in production mode): register the participants' own keys ("sample": false), docs/security.md`,
    );
  }
  if (keyring.keysOf(config.registryDipId).filter((k) => !(production && k.sample)).length === 0) {
    logger.warn(`no usable key is registered to the registry's own DIP id ${config.registryDipId}: the operator endpoints cannot be called (docs/security.md, "Operator credential")`);
  }
  if (!production && samples > 0) {
    logger.warn(`${samples} published sample key(s) of ${keyringPath} are accepted (REGISTRY_PRODUCTION is not true): never run a real registry like this`);
  }
  return keyring;
}

/** The settings the {@link DipSignatureGuard} verifies with: `keyring`, and the window, mode and origin of `config.auth`. */
export function dipAuthSettingsOf(config: RegistryConfig, keyring: DipKeyring, clock: { now(): string }): DipAuthSettings {
  const { maxSkewMs, production, publicOrigin } = config.auth;
  return { keyring, maxSkewMs, production, publicOrigin, clock };
}
