/* verify-fixtures.h: real keys, a CA, signers and a CRL for the verify tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-permit-code.h"
#include "pd-pki.h"
#include "pd-trust-store.h"

G_BEGIN_DECLS

typedef struct
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t     crt;
} PdFixtureIdentity;

typedef struct
{
  char              *trust_dir;     /* ca.pem and crl.pem */
  GDateTime         *now;           /* 2025-06-01 12:00 UTC */
  GDateTime         *crl_time;      /* one hour before now */
  PdFixtureIdentity  ca;
  PdFixtureIdentity  signer;        /* valid, digitalSignature */
  PdFixtureIdentity  second;        /* another valid signer of the same CA */
  PdFixtureIdentity  revoked;       /* on the CRL */
  PdFixtureIdentity  expired;       /* certificate ended 2025-01-01 */
  PdFixtureIdentity  no_usage;      /* keyCertSign only */
  PdFixtureIdentity  list_signer;   /* digitalSignature, for trust lists (PD_PKI_PURPOSE_LIST_SIGNING) */
  PdFixtureIdentity  other_ca;      /* not trusted */
  PdFixtureIdentity  stranger;      /* signer of other_ca */
} PdFixtures;

PdFixtures   *pd_fixtures_new         (void);
void          pd_fixtures_free        (PdFixtures        *fixtures);
PdTrustStore *pd_fixtures_trust_store (PdFixtures        *fixtures);
JsonNode     *pd_fixtures_data        (const char        *valid_from,
                                       const char        *valid_until);
char         *pd_fixtures_sign        (PdFixtureIdentity *identity,
                                       JsonNode          *data);
char         *pd_fixtures_valid_code  (PdFixtures        *fixtures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdFixtures, pd_fixtures_free)

G_END_DECLS
