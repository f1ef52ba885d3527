/* bench-verify.c: median time from decoded text to verdict, offline
 *
 * Baseline measured in the same run: parsing the same text with json-glib, the least
 * any reader of the code must do. Target (issue 4): text to verdict under 2 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "pd-test-util.h"
#include "pd-verifier.h"
#include "verify-fixtures.h"

#define ROUNDS 2000

int
main (void)
{
  g_autoptr(PdFixtures) fixtures = pd_fixtures_new ();
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree double *verify_us = g_new (double, ROUNDS);
  g_autofree double *parse_us = g_new (double, ROUNDS);
  double verify_median, parse_median;

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(PdCode) c = NULL;
      g_autoptr(PdVerdict) verdict = NULL;
      gint64 start = g_get_monotonic_time ();

      json_parser_load_from_data (parser, code, -1, NULL);
      parse_us[i] = g_get_monotonic_time () - start;

      start = g_get_monotonic_time ();
      c = pd_code_new_for_text (code, PD_CODE_SOURCE_CAMERA);
      verdict = pd_verifier_verify (verifier, c, fixtures->now);
      verify_us[i] = g_get_monotonic_time () - start;
      g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
    }

  verify_median = pd_test_median (verify_us, ROUNDS);
  parse_median = pd_test_median (parse_us, ROUNDS);
  printf ("text-to-verdict (signed code, offline): median %.1f us over %d runs (target < 2000 us)\n",
          verify_median, ROUNDS);
  printf ("baseline json-glib parse of the same %zu bytes: median %.1f us\n", strlen (code), parse_median);
  printf ("ratio verdict/parse: %.1f\n", verify_median / MAX (parse_median, 0.1));
  return verify_median < 2000 ? 0 : 1;
}
