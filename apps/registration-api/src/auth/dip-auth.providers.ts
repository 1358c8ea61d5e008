import { Logger, Provider } from '@nestjs/common';
import { DIP_AUTH_SETTINGS, DipAuthSettings, DipKeyringError, loadDipKeyringFile } from '@app/dip-auth';
import { BootError, Clock, CLOCK, REFERENCE_DATA, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';
import { ReferenceData } from '@app/registration-domain';

/**
 * Builds the settings the {@link DipSignatureGuard} verifies with, from `config.auth`
 * (`REGISTRY_DIP_KEYRING`, `REGISTRY_DIP_MAX_SKEW_MS`, `REGISTRY_PRODUCTION`,
 * `REGISTRY_PUBLIC_ORIGIN`; docs/security.md):
 *
 * - the keyring file is read and checked against the reference data;
 * - in production mode the keyring must hold at least one key that is not a public sample key
 *   (else no participant could sign: the service would refuse everything);
 * - outside production mode, a warning says that the published sample keys are accepted.
 *
 * @throws BootError naming the keyring file and every problem in it, or the production-mode problem.
 */
export function dipAuthSettingsOf(config: RegistryConfig, referenceData: ReferenceData, clock: Clock, logger = new Logger('Auth')): DipAuthSettings {
  const { keyringPath, maxSkewMs, production, publicOrigin } = config.auth;
  let keyring;
  try {
    keyring = loadDipKeyringFile(keyringPath, referenceData);
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
  return { keyring, maxSkewMs, production, publicOrigin, clock };
}

/** The {@link DIP_AUTH_SETTINGS} provider of the registration API. */
export const dipAuthSettingsProvider: Provider = {
  provide: DIP_AUTH_SETTINGS,
  inject: [REGISTRY_CONFIG, REFERENCE_DATA, CLOCK],
  useFactory: (config: RegistryConfig, referenceData: ReferenceData, clock: Clock) => dipAuthSettingsOf(config, referenceData, clock),
};
