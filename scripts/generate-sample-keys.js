#!/usr/bin/env node
// Regenerates the PUBLIC, TEST-ONLY DIP signing keys of the sample participants (issue #8):
//
//   node scripts/generate-sample-keys.js
//
// For every participant of reference-data/participants.json it writes, under
// reference-data/sample-keys/, an RSA 2048 private key (<dipId>.key.pem, PKCS#8) and a self-signed
// X.509 certificate for it (<dipId>.cert.pem, SHA-256, valid 2020-01-01 to 2049-12-31, serial = the DIP id,
// subject CN=<dipId> <MPID>, OU=SAMPLE KEY - NOT FOR PRODUCTION). It then rewrites
// reference-data/participant-keys.json (every key registered with "sample": true) and the test
// fixtures of libs/dip-auth (a key registered to nobody; a certificate whose subject names one
// participant but whose key is another's).
//
// Keys come from node:crypto (generateKeyPairSync); node:crypto cannot issue certificates, so the
// certificates come from the openssl command line (1.1.1 or 3.x on the PATH). Reproducible in
// shape, not in bytes: every run draws new keys, so every signature made with the old ones stops
// verifying. Commit the regenerated files together.
'use strict';
const { execFileSync } = require('node:child_process');
const { generateKeyPairSync } = require('node:crypto');
const { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const keysDir = path.join(root, 'reference-data', 'sample-keys');
const fixturesDir = path.join(root, 'libs', 'dip-auth', 'src', 'testing', 'fixtures');
const NOT_BEFORE = '20200101000000Z';
const NOT_AFTER = '20491231235959Z'; // the last instant an X.509 UTCTime can express
// A throw-away `openssl ca` configuration: any subject, SHA-256, an end-entity certificate for
// signatures only, and no copy of the request's extensions.
const CA_CONFIG = `[ ca ]
default_ca = sample
[ sample ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_subject
unique_subject = no
copy_extensions = none
x509_extensions = signing_certificate
[ any_subject ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
[ signing_certificate ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
subjectKeyIdentifier = hash
`;
const SAMPLE_OU = 'SAMPLE KEY - NOT FOR PRODUCTION';

function newKeyPem() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' });
}

/**
 * A self-signed certificate (PEM) for the private key in `keyFile`, valid from NOT_BEFORE to
 * NOT_AFTER whatever today's date: tests pin clocks years apart, and `openssl req -x509` can only
 * start a certificate now, so the certificate is issued by `openssl ca -selfsign`, which takes
 * explicit dates (OpenSSL 1.1.1 and 3.x).
 */
function selfSignedCertificate(keyFile, subject, serial) {
  const dir = mkdtempSync(path.join(tmpdir(), 'dip-sample-ca-'));
  try {
    const run = (args) => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'serial'), `${BigInt(serial).toString(16).toUpperCase().padStart(10, '0')}\n`);
    run(['req', '-new', '-key', keyFile, '-subj', subject, '-out', 'request.pem']);
    run(['ca', '-batch', '-notext', '-selfsign', '-config', 'ca.cnf', '-keyfile', keyFile, '-in', 'request.pem',
      '-startdate', NOT_BEFORE, '-enddate', NOT_AFTER, '-out', 'certificate.pem']);
    return readFileSync(path.join(dir, 'certificate.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function subjectOf(dipId, mpid) {
  return `/CN=${dipId} ${mpid}/O=MHHS registry sample participants/OU=${SAMPLE_OU}`;
}

function main() {
  const reference = JSON.parse(readFileSync(path.join(root, 'reference-data', 'participants.json'), 'utf8'));
  mkdirSync(keysDir, { recursive: true });
  mkdirSync(fixturesDir, { recursive: true });
  const keys = [];
  for (const { dipId, mpid } of reference.participants) {
    const keyFile = path.join(keysDir, `${dipId}.key.pem`);
    writeFileSync(keyFile, newKeyPem());
    writeFileSync(path.join(keysDir, `${dipId}.cert.pem`), selfSignedCertificate(keyFile, subjectOf(dipId, mpid), dipId));
    keys.push({ dipId, certificate: `sample-keys/${dipId}.cert.pem`, sample: true });
  }
  const keyring = {
    $comment:
      'DIP signing keys registered per participant (docs/security.md). Every key here is a PUBLIC SAMPLE key (reference-data/sample-keys/README.md): "sample": true, refused in production mode. Regenerate with node scripts/generate-sample-keys.js.',
    version: reference.version,
    keys,
  };
  writeFileSync(path.join(root, 'reference-data', 'participant-keys.json'), `${JSON.stringify(keyring, null, 2)}\n`);

  // Test fixtures: a key pair registered to nobody, and a certificate that claims to be supplier
  // 1000000001 (subject) over the key of supplier 1000000002 (the registry goes by the key).
  const unregisteredKey = path.join(fixturesDir, 'unregistered.key.pem');
  writeFileSync(unregisteredKey, newKeyPem());
  writeFileSync(path.join(fixturesDir, 'unregistered.cert.pem'), selfSignedCertificate(unregisteredKey, subjectOf('1999999999', 'NONE'), '1999999999'));
  writeFileSync(
    path.join(fixturesDir, 'mislabelled-1000000001-with-key-of-1000000002.cert.pem'),
    selfSignedCertificate(path.join(keysDir, '1000000002.key.pem'), subjectOf('1000000001', 'BRWE'), '1000000001'),
  );
  console.log(`wrote ${keys.length} sample key pairs to ${path.relative(root, keysDir)}, reference-data/participant-keys.json and the fixtures in ${path.relative(root, fixturesDir)}`);
}

main();
