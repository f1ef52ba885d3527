/* test-verifier.c: every outcome of offline verification, with real keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-code.h"
#include "pd-jcs.h"
#include "pd-verifier.h"
#include "verify-fixtures.h"

static PdFixtures *fixtures;

static PdVerdict *
verify_at (const char *text,
           GDateTime  *now)
{
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(PdCode) code = pd_code_new_for_text (text, PD_CODE_SOURCE_TYPED);

  return pd_verifier_verify (verifier, code, now);
}

static PdVerdict *
verify (const char *text)
{
  return verify_at (text, fixtures->now);
}

static void
assert_verdict (PdVerdict       *verdict,
                PdVerdictResult  result,
                PdVerdictLayer   layer,
                PdLayerState     state,
                const char      *reason_part)
{
  if (pd_verdict_get_result (verdict) != result ||
      pd_verdict_get_layer_state (verdict, layer) != state ||
      strstr (pd_verdict_get_reason (verdict), reason_part) == NULL)
    {
      g_autofree char *json = pd_verdict_to_json (verdict);

      g_test_message ("%s", json);
      g_assert_cmpint (pd_verdict_get_result (verdict), ==, result);
      g_assert_cmpint (pd_verdict_get_layer_state (verdict, layer), ==, state);
      g_assert_cmpstr (pd_verdict_get_reason (verdict), ==, reason_part);
    }
}

static char *
code_for (PdFixtureIdentity *identity,
          const char        *from,
          const char        *until)
{
  g_autoptr(JsonNode) data = pd_fixtures_data (from, until);

  return pd_fixtures_sign (identity, data);
}

/* Replaces the first occurrence of @from in @text. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_valid_permit_is_valid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_VALID, PD_VERDICT_LAYER_SIGNATURE,
                  PD_LAYER_STATE_PASSED, "The work permit is valid");
  for (guint i = 0; i < PD_VERDICT_N_LAYERS; i++)
    if (i != PD_VERDICT_LAYER_ONLINE)
      g_assert_cmpint (pd_verdict_get_layer_state (verdict, i), ==, PD_LAYER_STATE_PASSED);
  g_assert_cmpstr (pd_verdict_get_layer_reason (verdict, PD_VERDICT_LAYER_ONLINE), ==, "Not checked online");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_NAME_ZH), ==, "李明");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_NAME_LATIN), ==, "LI MING");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER), ==, "110000202500012345");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_VALID_UNTIL), ==, "2026-12-31");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_EMPLOYER), ==, "北京示例科技有限公司");
}

static void
test_expired_permit_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->signer, "2024-01-01", "2025-05-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_VALIDITY,
                  PD_LAYER_STATE_FAILED, "The permit expired on 2025-05-31");
}

/* Valid until the end of its last day in China (UTC+8). */
static void
test_last_day_ends_at_midnight_china_time (void)
{
  g_autofree char *code = code_for (&fixtures->signer, "2024-01-01", "2025-06-01");
  g_autoptr(GDateTime) before = g_date_time_new_utc (2025, 6, 1, 15, 59, 59);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2025, 6, 1, 16, 0, 0);
  g_autoptr(PdVerdict) inside = verify_at (code, before);
  g_autoptr(PdVerdict) outside = verify_at (code, after);

  g_assert_cmpint (pd_verdict_get_layer_state (inside, PD_VERDICT_LAYER_VALIDITY), ==, PD_LAYER_STATE_PASSED);
  g_assert_cmpint (pd_verdict_get_layer_state (outside, PD_VERDICT_LAYER_VALIDITY), ==, PD_LAYER_STATE_FAILED);
}

static void
test_not_yet_valid_permit_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->signer, "2025-07-01", "2027-06-30");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_VALIDITY,
                  PD_LAYER_STATE_FAILED, "The permit is not valid before 2025-07-01");
}

static void
test_revoked_signer_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->revoked, "2025-01-01", "2026-12-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_REVOCATION,
                  PD_LAYER_STATE_FAILED, "The signer certificate has been revoked");
}

static void
test_unknown_ca_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->stranger, "2025-01-01", "2026-12-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_TRUST_CHAIN,
                  PD_LAYER_STATE_FAILED, "The signer was not issued by a trusted authority");
}

static void
test_expired_signer_certificate_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->expired, "2025-01-01", "2026-12-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_TRUST_CHAIN,
                  PD_LAYER_STATE_FAILED, "The signer certificate has expired");
}

static void
test_signer_without_signature_usage_is_invalid (void)
{
  g_autofree char *code = code_for (&fixtures->no_usage, "2025-01-01", "2026-12-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_TRUST_CHAIN,
                  PD_LAYER_STATE_FAILED, "not meant for signing");
}

/* A list signer's key signs trust lists and rule sets, never permit codes. */
static void
test_list_signer_cannot_sign_codes (void)
{
  g_autofree char *code = code_for (&fixtures->list_signer, "2025-01-01", "2026-12-31");
  g_autoptr(PdVerdict) verdict = verify (code);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_TRUST_CHAIN,
                  PD_LAYER_STATE_FAILED, "not meant for signing permit codes");
}

static void
test_wrong_algorithm_is_invalid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *changed = replace_once (code, "\"ES256\"", "\"ES384\"");
  g_autoptr(PdVerdict) verdict = verify (changed);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_SIGNATURE,
                  PD_LAYER_STATE_FAILED, "ES384");
}

static void
test_tampered_data_is_invalid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *name = replace_once (code, "LI MING", "LI MINH");
  g_autofree char *until = replace_once (code, "2026-12-31", "2029-12-31");
  g_autofree char *category = replace_once (code, "\"category\":\"B\"", "\"category\":\"A\"");
  const char *tampered[] = { name, until, category };

  for (guint i = 0; i < G_N_ELEMENTS (tampered); i++)
    {
      g_autoptr(PdVerdict) verdict = verify (tampered[i]);

      assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_SIGNATURE,
                      PD_LAYER_STATE_FAILED, "The signature does not match");
    }
}

static void
test_tampered_signature_is_invalid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  char *sigvl = strstr (code, "\"sigvl\":\"") + strlen ("\"sigvl\":\"");
  g_autoptr(PdVerdict) verdict = NULL;

  sigvl[10] = sigvl[10] == 'A' ? 'B' : 'A';
  verdict = verify (code);
  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_SIGNATURE,
                  PD_LAYER_STATE_FAILED, "The signature does not match");
}

static void
test_truncated_code_is_invalid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  gsize len = strlen (code);

  for (gsize cut = 1; cut < len; cut += len / 7)
    {
      g_autofree char *truncated = g_strndup (code, cut);
      g_autoptr(PdVerdict) verdict = verify (truncated);

      g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
      g_assert_cmpint (pd_verdict_get_layer_state (verdict, PD_VERDICT_LAYER_FORMAT), ==, PD_LAYER_STATE_FAILED);
    }
}

static void
test_swapped_certificate_is_invalid (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *other = code_for (&fixtures->second, "2025-01-01", "2026-12-31");
  g_autoptr(PdPermitCode) mine = pd_permit_code_parse (code, strlen (code), NULL);
  g_autoptr(PdPermitCode) theirs = pd_permit_code_parse (other, strlen (other), NULL);
  GBytes *my_der = pd_permit_code_get_signer_der (mine);
  GBytes *their_der = pd_permit_code_get_signer_der (theirs);
  g_autofree char *my_cer = pd_base64url_encode (g_bytes_get_data (my_der, NULL), g_bytes_get_size (my_der));
  g_autofree char *their_cer = pd_base64url_encode (g_bytes_get_data (their_der, NULL), g_bytes_get_size (their_der));
  g_autofree char *swapped = replace_once (code, my_cer, their_cer);
  g_autoptr(PdVerdict) verdict = verify (swapped);

  assert_verdict (verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_SIGNATURE,
                  PD_LAYER_STATE_FAILED, "The signature does not match");
}

static void
test_stale_trust_data_needs_a_check (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(GDateTime) later = g_date_time_add_hours (fixtures->now, 30);
  g_autoptr(PdVerdict) verdict = verify_at (code, later);

  assert_verdict (verdict, PD_VERDICT_RESULT_CHECK_NEEDED, PD_VERDICT_LAYER_FRESHNESS,
                  PD_LAYER_STATE_UNKNOWN, "The trust data is out of date");
}

static void
test_max_age_is_configurable (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(GDateTime) later = g_date_time_add_hours (fixtures->now, 30);
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(PdCode) c = pd_code_new_for_text (code, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdVerdict) verdict = NULL;

  g_object_set (store, "max-age", (gint64) 48 * 3600, NULL);
  verdict = pd_verifier_verify (verifier, c, later);
  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
}

/* Clocks of two machines differ a little: a few minutes behind the portal is fine. */
static void
test_clock_slightly_behind_is_tolerated (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(GDateTime) behind = g_date_time_add_seconds (fixtures->crl_time, -(PD_VERIFIER_CLOCK_SKEW_SECONDS / 2));
  g_autoptr(PdVerdict) verdict = verify_at (code, behind);

  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
}

static void
test_clock_behind_needs_a_check (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(GDateTime) behind = g_date_time_add_days (fixtures->crl_time, -2);
  g_autoptr(PdVerdict) verdict = verify_at (code, behind);

  assert_verdict (verdict, PD_VERDICT_RESULT_CHECK_NEEDED, PD_VERDICT_LAYER_VALIDITY,
                  PD_LAYER_STATE_UNKNOWN, "clock is behind");
}

static void
test_missing_revocation_list_needs_a_check (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdTrustStore) store = pd_trust_store_new ();
  g_autofree char *pem = pd_pki_crt_to_pem (fixtures->ca.crt);
  g_autoptr(GBytes) bytes = g_bytes_new (pem, strlen (pem));
  g_autoptr(PdVerifier) verifier = NULL;
  g_autoptr(PdCode) c = pd_code_new_for_text (code, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;

  pd_trust_store_add_certificates (store, bytes, &error);
  g_assert_no_error (error);
  pd_trust_store_set_updated_at (store, fixtures->crl_time);
  verifier = pd_verifier_new (store);
  verdict = pd_verifier_verify (verifier, c, fixtures->now);
  assert_verdict (verdict, PD_VERDICT_RESULT_CHECK_NEEDED, PD_VERDICT_LAYER_REVOCATION,
                  PD_LAYER_STATE_UNKNOWN, "No revocation list");
}

/* Trust fed from memory (as the portal will): a listed signer list pins signers. */
static void
test_listed_signers_pin_the_signer (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *second_code = code_for (&fixtures->second, "2025-01-01", "2026-12-31");
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autofree char *pem = pd_pki_crt_to_pem (fixtures->signer.crt);
  g_autoptr(GBytes) bytes = g_bytes_new (pem, strlen (pem));
  g_autoptr(PdVerifier) verifier = NULL;
  g_autoptr(PdCode) listed = pd_code_new_for_text (code, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdCode) unlisted = pd_code_new_for_text (second_code, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdVerdict) listed_verdict = NULL;
  g_autoptr(PdVerdict) unlisted_verdict = NULL;
  g_autoptr(GError) error = NULL;

  pd_trust_store_add_certificates (store, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pd_trust_store_get_n_signers (store), ==, 1);
  verifier = pd_verifier_new (store);
  listed_verdict = pd_verifier_verify (verifier, listed, fixtures->now);
  unlisted_verdict = pd_verifier_verify (verifier, unlisted, fixtures->now);
  g_assert_cmpint (pd_verdict_get_result (listed_verdict), ==, PD_VERDICT_RESULT_VALID);
  assert_verdict (unlisted_verdict, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_TRUST_CHAIN,
                  PD_LAYER_STATE_FAILED, "not on the trust list");
}

static void
test_untrusted_crl_is_refused (void)
{
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(GDateTime) next = g_date_time_add_days (fixtures->now, 1);
  g_auto(gnutls_x509_crl_t) crl = pd_pki_make_crl (fixtures->other_ca.crt, fixtures->other_ca.key,
                                                   NULL, 0, fixtures->now, next, NULL);
  g_autofree char *pem = pd_pki_crl_to_pem (crl);
  g_autoptr(GBytes) bytes = g_bytes_new (pem, strlen (pem));
  g_autoptr(GBytes) junk = g_bytes_new_static ("not a certificate", 17);
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_trust_store_add_crl (store, bytes, &error));
  g_assert_error (error, PD_TRUST_ERROR, PD_TRUST_ERROR_UNKNOWN_ISSUER);
  g_clear_error (&error);
  g_assert_false (pd_trust_store_add_certificates (store, junk, &error));
  g_assert_error (error, PD_TRUST_ERROR, PD_TRUST_ERROR_INVALID_DATA);
  /* The refused CRL did not move the data's time. */
  g_assert_true (g_date_time_equal (pd_trust_store_get_updated_at (store), fixtures->crl_time));
}

static void
test_bare_permit_number_needs_online_check (void)
{
  g_autoptr(PdVerdict) verdict = verify ("1100-0020-2500-0123-45");

  assert_verdict (verdict, PD_VERDICT_RESULT_CHECK_NEEDED, PD_VERDICT_LAYER_ONLINE,
                  PD_LAYER_STATE_UNKNOWN, "Check online: the portal is needed for a bare permit number");
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER), ==, "110000202500012345");
}

static void
test_online_token_needs_online_check (void)
{
  g_autoptr(PdVerdict) verdict = verify ("PDT1.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ");

  assert_verdict (verdict, PD_VERDICT_RESULT_CHECK_NEEDED, PD_VERDICT_LAYER_ONLINE,
                  PD_LAYER_STATE_UNKNOWN, "online token");
}

static void
test_unknown_text_is_not_a_permit_code (void)
{
  g_autoptr(PdVerdict) hello = verify ("hello world");
  g_autoptr(PdVerdict) empty = verify ("");
  g_autoptr(PdVerdict) long_text = verify ("https://example.com/a/very/long/address/that/goes/on/and/on/and/on");

  assert_verdict (hello, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_FORMAT,
                  PD_LAYER_STATE_FAILED, "Not a work permit code: “hello world”");
  assert_verdict (empty, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_FORMAT,
                  PD_LAYER_STATE_FAILED, "nothing was read");
  assert_verdict (long_text, PD_VERDICT_RESULT_INVALID, PD_VERDICT_LAYER_FORMAT,
                  PD_LAYER_STATE_FAILED, "address/that/goe…”");
}

/* Malformed input of every kind: a precise error, never a crash, never VALID. */
static void
test_malformed_codes_give_precise_errors (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *wrong_type = replace_once (code, "\"v\":1", "\"v\":\"1\"");
  g_autofree char *wrong_version = replace_once (code, "\"v\":1", "\"v\":2");
  g_autofree char *huge = replace_once (code, "\"v\":1", "\"v\":1e999");
  g_autofree char *big_int = replace_once (code, "\"v\":1", "\"v\":100000000000000000000001");
  g_autofree char *missing = replace_once (code, "\"dob\":\"1990-04-12\",", "");
  g_autofree char *extra = replace_once (code, "\"dob\":", "\"x\":1,\"dob\":");
  g_autofree char *duplicate = replace_once (code, "\"dob\":", "\"dob\":\"1990-04-12\",\"dob\":");
  g_autofree char *bad_date = replace_once (code, "1990-04-12", "1990-02-30");
  g_autofree char *bad_number = replace_once (code, "110000202500012345", "11000020250001234X");
  g_autofree char *bad_category = replace_once (code, "\"category\":\"B\"", "\"category\":\"D\"");
  g_autofree char *msg_array = replace_once (code, "\"hdr\":{\"is\":\"CHN\",\"t\":\"WP\",\"v\":1}", "\"hdr\":[\"CHN\",\"WP\",1]");
  g_autofree char *nul_escape = replace_once (code, "LI MING", "LI\\u0000MING");
  g_autofree char *control = replace_once (code, "LI MING", "LI\\nMING");
  g_autofree char *bad_b64 = replace_once (code, "\"sigvl\":\"", "\"sigvl\":\"$");
  g_autofree char *other_state = replace_once (code, "\"is\":\"CHN\"", "\"is\":\"UTO\"");
  g_autoptr(GString) deep = g_string_new ("{\"data\":");
  g_autoptr(GString) too_large = g_string_new (code);
  static const struct { const char *name; int code; } expected[] = {
    { "not-json", PD_CODE_ERROR_NOT_JSON },
    { "wrong-type", PD_CODE_ERROR_MALFORMED },
    { "wrong-version", PD_CODE_ERROR_UNSUPPORTED_VERSION },
    { "huge-number", PD_CODE_ERROR_NOT_JSON },
    { "big-integer", PD_CODE_ERROR_UNSUPPORTED_VERSION },
    { "missing-field", PD_CODE_ERROR_MALFORMED },
    { "unknown-member", PD_CODE_ERROR_MALFORMED },
    { "duplicate-member", PD_CODE_ERROR_NOT_JSON },
    { "impossible-date", PD_CODE_ERROR_INVALID_FIELD },
    { "bad-permit-number", PD_CODE_ERROR_INVALID_FIELD },
    { "bad-category", PD_CODE_ERROR_INVALID_FIELD },
    { "array-for-object", PD_CODE_ERROR_MALFORMED },
    { "nul-escape", PD_CODE_ERROR_NOT_JSON },
    { "control-character", PD_CODE_ERROR_INVALID_FIELD },
    { "bad-base64url", PD_CODE_ERROR_INVALID_FIELD },
    { "other-issuing-state", PD_CODE_ERROR_INVALID_FIELD },
    { "deep-nesting", PD_CODE_ERROR_NOT_JSON },
    { "too-large", PD_CODE_ERROR_TOO_LARGE },
    { "nul-byte", PD_CODE_ERROR_NOT_JSON },
    { "invalid-utf8", PD_CODE_ERROR_NOT_JSON },
    { "top-level-array", PD_CODE_ERROR_MALFORMED },
  };
  const char *inputs[G_N_ELEMENTS (expected)];
  gsize lengths[G_N_ELEMENTS (expected)];
  g_autofree char *with_nul = g_strdup (code);
  g_autofree char *bad_utf8 = g_strdup (code);

  for (guint i = 0; i < 500; i++)
    g_string_append (deep, "{\"a\":");
  while (too_large->len <= PD_PERMIT_CODE_MAX_SIZE)
    g_string_append_c (too_large, 'x');
  with_nul[40] = '\0';
  bad_utf8[strstr (code, "李") - code] = '\xff';

  inputs[0] = "{data: 1}";
  inputs[1] = wrong_type;
  inputs[2] = wrong_version;
  inputs[3] = huge;
  inputs[4] = big_int;
  inputs[5] = missing;
  inputs[6] = extra;
  inputs[7] = duplicate;
  inputs[8] = bad_date;
  inputs[9] = bad_number;
  inputs[10] = bad_category;
  inputs[11] = msg_array;
  inputs[12] = nul_escape;
  inputs[13] = control;
  inputs[14] = bad_b64;
  inputs[15] = other_state;
  inputs[16] = deep->str;
  inputs[17] = too_large->str;
  inputs[18] = with_nul;
  inputs[19] = bad_utf8;
  inputs[20] = "[{\"data\":1,\"sig\":2}]";
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    lengths[i] = strlen (inputs[i]);
  lengths[18] = strlen (code);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdPermitCode) permit = pd_permit_code_parse (inputs[i], lengths[i], &error);

      g_test_message ("%s: %s", expected[i].name, error ? error->message : "(parsed)");
      g_assert_null (permit);
      g_assert_error (error, PD_CODE_ERROR, expected[i].code);

      /* Through the verifier (text as PdCode gives it) the verdict is INVALID, never a crash. */
      if (g_utf8_validate_len (inputs[i], lengths[i], NULL))
        {
          g_autoptr(PdVerdict) verdict = verify (inputs[i]);

          g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
        }
    }
}

static void
test_signing_refuses_bad_data_and_wrong_keys (void)
{
  g_autoptr(JsonNode) bad = pd_fixtures_data ("2025-01-01", "2024-12-31");
  g_autoptr(JsonNode) good = pd_fixtures_data ("2025-01-01", "2026-12-31");
  g_auto(gnutls_privkey_t) key = pd_pki_privkey_from_x509 (fixtures->signer.key, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_code = NULL;
  g_autofree char *mismatch_code = NULL;

  bad_code = pd_permit_code_sign (bad, key, fixtures->signer.crt, &error);
  g_assert_null (bad_code);
  g_assert_error (error, PD_CODE_ERROR, PD_CODE_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  mismatch_code = pd_permit_code_sign (good, key, fixtures->second.crt, &error);
  g_assert_null (mismatch_code);
  g_assert_error (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_KEY);
}

/* The signed code is canonical JSON and parses back to the same data. */
static void
test_signed_code_round_trips (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *canonical = pd_jcs_canonicalize_text (code, strlen (code), NULL);
  g_autoptr(PdPermitCode) permit = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (code, ==, canonical);
  permit = pd_permit_code_parse (code, strlen (code), &error);
  g_assert_no_error (error);
  g_assert_true (pd_permit_code_verify_signature (permit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (pd_permit_code_get_signature (permit)), ==, 64);
  g_assert_cmpstr (pd_permit_code_get_algorithm (permit), ==, "ES256");
  g_assert_cmpint (pd_permit_code_get_version (permit), ==, 1);
}

/* Fuzz-style: thousands of mutations of a valid code never crash, and a mutation is
 * VALID only when it did not change what was signed. */
static void
test_mutated_codes_never_pass (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *original = NULL;
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  gsize len = strlen (code);
  guint valid = 0;

  original = g_strdup (code);
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) mutated = g_string_new_len (code, len);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(PdCode) c = NULL;
      g_autoptr(PdVerdict) verdict = NULL;
      guint n = g_rand_int_range (rand, 1, 4);

      for (guint k = 0; k < n && mutated->len > 0; k++)
        {
          guint at = g_rand_int_range (rand, 0, mutated->len);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              mutated->str[at] ^= 1 << g_rand_int_range (rand, 0, 8);
              break;
            case 1:
              g_string_erase (mutated, at, 1);
              break;
            case 2:
              g_string_insert_c (mutated, at, "{}[]\",:0\\a"[g_rand_int_range (rand, 0, 10)]);
              break;
            default:
              g_string_truncate (mutated, at);
            }
        }
      bytes = g_bytes_new (mutated->str, mutated->len);
      c = pd_code_new (bytes, PD_CODE_SOURCE_CAMERA);
      verdict = pd_verifier_verify (verifier, c, fixtures->now);
      if (pd_verdict_get_result (verdict) == PD_VERDICT_RESULT_VALID)
        {
          g_autoptr(PdPermitCode) a = pd_permit_code_parse (original, len, NULL);
          g_autoptr(PdPermitCode) b = pd_permit_code_parse (mutated->str, mutated->len, NULL);
          g_autofree char *ca = pd_jcs_canonicalize (pd_permit_code_get_data (a), NULL);
          g_autofree char *cb = pd_jcs_canonicalize (pd_permit_code_get_data (b), NULL);

          g_assert_cmpstr (ca, ==, cb);
          valid++;
        }
    }
  g_test_message ("%u of 3000 mutations kept the signed data intact", valid);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdFixtures) f = NULL;

  g_test_init (&argc, &argv, NULL);
  fixtures = f = pd_fixtures_new ();

  g_test_add_func ("/verify/valid-permit-is-valid", test_valid_permit_is_valid);
  g_test_add_func ("/verify/expired-permit-is-invalid", test_expired_permit_is_invalid);
  g_test_add_func ("/verify/last-day-ends-at-midnight-china-time", test_last_day_ends_at_midnight_china_time);
  g_test_add_func ("/verify/not-yet-valid-permit-is-invalid", test_not_yet_valid_permit_is_invalid);
  g_test_add_func ("/verify/revoked-signer-is-invalid", test_revoked_signer_is_invalid);
  g_test_add_func ("/verify/unknown-ca-is-invalid", test_unknown_ca_is_invalid);
  g_test_add_func ("/verify/expired-signer-certificate-is-invalid", test_expired_signer_certificate_is_invalid);
  g_test_add_func ("/verify/list-signer-cannot-sign-codes", test_list_signer_cannot_sign_codes);
  g_test_add_func ("/verify/signer-without-signature-usage-is-invalid", test_signer_without_signature_usage_is_invalid);
  g_test_add_func ("/verify/wrong-algorithm-is-invalid", test_wrong_algorithm_is_invalid);
  g_test_add_func ("/verify/tampered-data-is-invalid", test_tampered_data_is_invalid);
  g_test_add_func ("/verify/tampered-signature-is-invalid", test_tampered_signature_is_invalid);
  g_test_add_func ("/verify/truncated-code-is-invalid", test_truncated_code_is_invalid);
  g_test_add_func ("/verify/swapped-certificate-is-invalid", test_swapped_certificate_is_invalid);
  g_test_add_func ("/verify/stale-trust-data-needs-a-check", test_stale_trust_data_needs_a_check);
  g_test_add_func ("/verify/max-age-is-configurable", test_max_age_is_configurable);
  g_test_add_func ("/verify/clock-behind-needs-a-check", test_clock_behind_needs_a_check);
  g_test_add_func ("/verify/clock-slightly-behind-is-tolerated", test_clock_slightly_behind_is_tolerated);
  g_test_add_func ("/verify/missing-revocation-list-needs-a-check", test_missing_revocation_list_needs_a_check);
  g_test_add_func ("/verify/listed-signers-pin-the-signer", test_listed_signers_pin_the_signer);
  g_test_add_func ("/verify/untrusted-crl-is-refused", test_untrusted_crl_is_refused);
  g_test_add_func ("/verify/bare-permit-number-needs-online-check", test_bare_permit_number_needs_online_check);
  g_test_add_func ("/verify/online-token-needs-online-check", test_online_token_needs_online_check);
  g_test_add_func ("/verify/unknown-text-is-not-a-permit-code", test_unknown_text_is_not_a_permit_code);
  g_test_add_func ("/verify/malformed-codes-give-precise-errors", test_malformed_codes_give_precise_errors);
  g_test_add_func ("/verify/signing-refuses-bad-data-and-wrong-keys", test_signing_refuses_bad_data_and_wrong_keys);
  g_test_add_func ("/verify/signed-code-round-trips", test_signed_code_round_trips);
  g_test_add_func ("/verify/mutated-codes-never-pass", test_mutated_codes_never_pass);

  return g_test_run ();
}
