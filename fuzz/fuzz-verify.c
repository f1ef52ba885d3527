/* fuzz-verify.c: libFuzzer target for the permit code parser and the verifier
 *
 * Build (with -Dfuzzing=true, clang): link libpermitdesk and -fsanitize=fuzzer,address.
 * Trust data: PERMITDESK_TRUST_DIR if set, else the shipped DEMO trust folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>
#include <stddef.h>

#include "pd-jcs.h"
#include "pd-permit-code.h"
#include "pd-verifier.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PdVerifier *verifier;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(PdCode) code = NULL;
  g_autoptr(PdVerdict) verdict = NULL;
  g_autoptr(PdPermitCode) permit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  g_autofree char *canonical = NULL;

  if (verifier == NULL)
    {
      g_autoptr(PdTrustStore) store = pd_trust_store_new_default ();

      verifier = pd_verifier_new (store);
    }

  permit = pd_permit_code_parse ((const char *) data, size, NULL);
  if (permit != NULL)
    pd_permit_code_verify_signature (permit, NULL);
  canonical = pd_jcs_canonicalize_text ((const char *) data, size, NULL);

  code = pd_code_new (bytes, PD_CODE_SOURCE_CAMERA);
  verdict = pd_verifier_verify (verifier, code, now);
  g_assert (pd_verdict_get_reason (verdict) != NULL);
  return 0;
}
