/* test-online.c: the verifier's online layer and the trust list refresh against a real
 * permitdesk-portal on loopback, signing with the DEMO PKI of data/trust/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-core.h"
#include "pd-permit-code.h"
#include "pd-pki.h"
#include "pd-portal-online-checker.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"
#include "pd-trust-refresh.h"
#include "pd-verifier.h"

#define VALID_NUMBER     "310115202412010001"   /* case-0001, valid */
#define CANCELLED_NUMBER "440101202201050005"   /* case-0009, cancelled */

static char *data_dir;

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", name, NULL);
}

static char *
demo_key_path (const char *name)
{
  return g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", "demo-keys", name, NULL);
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

/* A CRL of the DEMO CA made now, revoking @revoked when given. */
static char *
write_crl (const char        *dir,
           const char        *name,
           gnutls_x509_crt_t  revoked)
{
  g_autofree char *ca_path = demo_path ("demo-ca.pem");
  g_autofree char *key_path = demo_key_path ("demo-ca.key");
  g_auto(gnutls_x509_crt_t) ca = pd_pki_load_crt (ca_path, NULL);
  g_auto(gnutls_x509_privkey_t) key = pd_pki_load_key (key_path, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 7);
  g_auto(gnutls_x509_crl_t) crl = NULL;
  g_autofree char *pem = NULL;
  char *path = g_build_filename (dir, name, NULL);

  crl = pd_pki_make_crl (ca, key, revoked != NULL ? &revoked : NULL, revoked != NULL ? 1 : 0,
                         now, next, NULL);
  g_assert_nonnull (crl);
  pem = pd_pki_crl_to_pem (crl);
  write_text (path, pem);
  return path;
}

/* The trust folder an officer's PermitDesk starts with: DEMO CA, DEMO signers, fresh CRL. */
static PdTrustStore *
demo_store (const char *dir)
{
  const char *names[] = { "demo-ca.pem", "demo-signer.pem", "demo-list-signer.pem" };
  g_autofree char *crl = NULL;
  PdTrustStore *store = pd_trust_store_new ();
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = demo_path (names[i]);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
      write_text (to, text);
    }
  crl = write_crl (dir, "local.crl", NULL);
  g_assert_true (pd_trust_store_load_directory (store, dir, &error));
  g_assert_no_error (error);
  return store;
}

static char *
sign_code (gnutls_x509_crt_t      signer,
           gnutls_x509_privkey_t  signer_key,
           const char            *number)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = g_strdup_printf (
    "{\"hdr\":{\"t\":\"WP\",\"v\":1,\"is\":\"CHN\"},"
    "\"msg\":{\"no\":\"%s\",\"name_latin\":\"TEST HOLDER\",\"nationality\":\"DEU\","
    "\"dob\":\"1988-04-12\",\"employer\":\"Orbit\",\"category\":\"A\","
    "\"valid_from\":\"2026-01-01\",\"valid_until\":\"2027-12-31\",\"issued\":\"2025-12-15\"}}",
    number);
  g_auto(gnutls_privkey_t) key = pd_pki_privkey_from_x509 (signer_key, NULL);
  char *code;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  code = pd_permit_code_sign (json_parser_get_root (parser), key, signer, NULL);
  g_assert_nonnull (code);
  return code;
}

static char *
sign_demo_code (const char *number)
{
  g_autofree char *cert = demo_path ("demo-signer.pem");
  g_autofree char *key_path = demo_key_path ("demo-signer.key");
  g_auto(gnutls_x509_crt_t) crt = pd_pki_load_crt (cert, NULL);
  g_auto(gnutls_x509_privkey_t) key = pd_pki_load_key (key_path, NULL);

  return sign_code (crt, key, number);
}

static PdVerdict *
verify_online (PdVerifier *verifier,
               const char *text)
{
  g_autoptr(PdCode) code = pd_code_new_for_text (text, PD_CODE_SOURCE_TYPED);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PdVerdict *verdict;

  result = PD_TEST_RUN (pd_verifier_verify_async, verifier, code, now, NULL);
  verdict = pd_verifier_verify_finish (verifier, result, &error);
  g_assert_no_error (error);
  return verdict;
}

/* A verifier over the DEMO trust data, online through @client. */
static PdVerifier *
online_verifier (PdPortalClient *client,
                 const char     *trust_dir)
{
  g_autoptr(PdTrustStore) store = demo_store (trust_dir);
  g_autoptr(PdPortalOnlineChecker) checker = pd_portal_online_checker_new (client);
  PdVerifier *verifier = pd_verifier_new (store);

  pd_verifier_set_online_checker (verifier, PD_ONLINE_CHECKER (checker));
  return verifier;
}

static const char *
online_reason (PdVerdict *verdict)
{
  return pd_verdict_get_layer_reason (verdict, PD_VERDICT_LAYER_ONLINE);
}

/* ---- the online layer ------------------------------------------------------------ */

static void
test_signed_code_cancelled_on_portal_is_invalid (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");
  g_autofree char *trust = g_build_filename (data_dir, "trust-cancelled", NULL);
  g_autoptr(PdVerifier) verifier = online_verifier (client, trust);
  g_autofree char *code = sign_demo_code (CANCELLED_NUMBER);
  g_autoptr(PdVerdict) offline = NULL;
  g_autoptr(PdVerdict) verdict = NULL;
  g_autoptr(PdCode) typed = pd_code_new_for_text (code, PD_CODE_SOURCE_TYPED);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Authentic and in date: offline alone it would pass. */
  offline = pd_verifier_verify (verifier, typed, now);
  g_assert_cmpint (pd_verdict_get_result (offline), ==, PD_VERDICT_RESULT_VALID);

  verdict = verify_online (verifier, code);
  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (verdict), ==, "The portal reports the permit cancelled");
  g_assert_cmpint (pd_verdict_get_layer_state (verdict, PD_VERDICT_LAYER_ONLINE), ==, PD_LAYER_STATE_FAILED);
  g_assert_nonnull (pd_verdict_get_checked_online (verdict));
}

static void
test_signed_code_valid_on_portal_says_when (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");
  g_autofree char *trust = g_build_filename (data_dir, "trust-valid", NULL);
  g_autoptr(PdVerifier) verifier = online_verifier (client, trust);
  g_autofree char *code = sign_demo_code (VALID_NUMBER);
  g_autoptr(PdVerdict) verdict = verify_online (verifier, code);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *checked = pd_verdict_get_checked_online (verdict);

  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpint (pd_verdict_get_layer_state (verdict, PD_VERDICT_LAYER_ONLINE), ==, PD_LAYER_STATE_PASSED);
  g_assert_true (g_str_has_prefix (online_reason (verdict), "The portal confirms the permit is valid (checked online at 20"));
  g_assert_nonnull (checked);
  g_assert_cmpint (ABS (g_date_time_difference (now, checked)), <, 60 * G_TIME_SPAN_SECOND);
  /* The code's own holder is kept, not replaced by the portal's. */
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_NAME_LATIN), ==, "TEST HOLDER");
}

static void
test_bare_number_valid_online_check_needed_when_down (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");
  g_autofree char *trust = g_build_filename (data_dir, "trust-number", NULL);
  g_autoptr(PdVerifier) verifier = online_verifier (client, trust);
  g_autofree char *code = sign_demo_code (VALID_NUMBER);
  g_autoptr(PdVerdict) online = verify_online (verifier, "3101 1520 2412 0100 01");
  g_autoptr(PdVerdict) down = NULL;
  g_autoptr(PdVerdict) signed_down = NULL;
  g_autoptr(PdVerdict) unknown = verify_online (verifier, "999999999999999999");

  g_assert_cmpint (pd_verdict_get_result (online), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpstr (pd_verdict_get_field (online, PD_VERDICT_FIELD_NAME_LATIN), ==, "KELLER ANNA MARIA");
  g_assert_cmpstr (pd_verdict_get_field (online, PD_VERDICT_FIELD_NAME_ZH), ==, "凯安娜");
  g_assert_cmpstr (pd_verdict_get_field (online, PD_VERDICT_FIELD_VALID_UNTIL), ==, "2027-11-30");
  g_assert_nonnull (pd_verdict_get_checked_online (online));

  g_assert_cmpint (pd_verdict_get_result (unknown), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (unknown), ==, "The portal knows no permit with this number");

  pd_test_portal_kill (portal);
  down = verify_online (verifier, VALID_NUMBER);
  g_assert_cmpint (pd_verdict_get_result (down), ==, PD_VERDICT_RESULT_CHECK_NEEDED);
  g_assert_cmpstr (pd_verdict_get_reason (down), ==, "Not checked online: the portal could not be reached");
  g_assert_null (pd_verdict_get_checked_online (down));

  /* A signed code stays decided offline. */
  signed_down = verify_online (verifier, code);
  g_assert_cmpint (pd_verdict_get_result (signed_down), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpstr (online_reason (signed_down), ==, "Not checked online: the portal could not be reached");
}

static char *
issue_token (PdPortalClient *client,
             const char     *number)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_issue_token_async, client, number, NULL);
  g_autoptr(GError) error = NULL;
  char *token = pd_portal_client_issue_token_finish (client, result, NULL, &error);

  g_assert_no_error (error);
  return token;
}

static void
test_online_token_works_once (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");
  g_autofree char *trust = g_build_filename (data_dir, "trust-token", NULL);
  g_autoptr(PdVerifier) verifier = online_verifier (client, trust);
  g_autofree char *token = issue_token (client, VALID_NUMBER);
  g_autoptr(PdVerdict) first = verify_online (verifier, token);
  g_autoptr(PdVerdict) second = verify_online (verifier, token);

  g_assert_cmpint (pd_verdict_get_result (first), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpstr (pd_verdict_get_field (first, PD_VERDICT_FIELD_PERMIT_NUMBER), ==, VALID_NUMBER);
  g_assert_cmpstr (pd_verdict_get_field (first, PD_VERDICT_FIELD_NATIONALITY), ==, "DEU");
  g_assert_nonnull (pd_verdict_get_checked_online (first));

  g_assert_cmpint (pd_verdict_get_result (second), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (second), ==,
                   "The online token was already used: ask the holder to show a new one");
}

static void
test_online_token_expires (void)
{
  const char *args[] = { "--online-token-lifetime", "1", NULL };
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (args);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");
  g_autofree char *trust = g_build_filename (data_dir, "trust-expiry", NULL);
  g_autoptr(PdVerifier) verifier = online_verifier (client, trust);
  g_autofree char *token = issue_token (client, VALID_NUMBER);
  g_autoptr(PdVerdict) verdict = NULL;

  g_usleep (2200 * G_TIME_SPAN_MILLISECOND);
  verdict = verify_online (verifier, token);
  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (verdict), ==,
                   "The online token has expired: ask the holder to show a new one");
}

/* ---- the trust list -------------------------------------------------------------- */

/* Arguments for a portal signing with the DEMO signers (documents, lists), listing the
 * DEMO CA and @extra. */
static GStrv
signer_args (const char * const *extra)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *cert = demo_path ("demo-signer.pem");
  g_autofree char *key = demo_key_path ("demo-signer.key");
  g_autofree char *list_cert = demo_path ("demo-list-signer.pem");
  g_autofree char *list_key = demo_key_path ("demo-list-signer.key");
  g_autofree char *ca = demo_path ("demo-ca.pem");

  g_strv_builder_add_many (builder, "--signer-cert", cert, "--signer-key", key,
                           "--list-signer-cert", list_cert, "--list-signer-key", list_key, "--ca-cert", ca, NULL);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_strv_builder_add (builder, extra[i]);
  return g_strv_builder_end (builder);
}

typedef struct {
  gnutls_x509_crt_t     crt;
  gnutls_x509_privkey_t key;
  char                 *path;
} Signer2;

/* A second signer under the DEMO CA, unknown to the store at first. */
static void
make_signer2 (Signer2    *out,
              const char *dir)
{
  g_autofree char *ca_path = demo_path ("demo-ca.pem");
  g_autofree char *ca_key_path = demo_key_path ("demo-ca.key");
  g_auto(gnutls_x509_crt_t) ca = pd_pki_load_crt (ca_path, NULL);
  g_auto(gnutls_x509_privkey_t) ca_key = pd_pki_load_key (ca_key_path, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) until = g_date_time_add_days (now, 365);
  g_autofree char *pem = NULL;

  out->key = pd_pki_generate_key (NULL);
  out->crt = pd_pki_make_signer (out->key, "PermitDesk TEST Signer 2", 4242, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL,
                                 ca, ca_key, from, until, NULL);
  g_assert_nonnull (out->crt);
  pem = pd_pki_crt_to_pem (out->crt);
  out->path = g_build_filename (dir, "signer2.pem", NULL);
  write_text (out->path, pem);
}

static void
signer2_clear (Signer2 *s)
{
  gnutls_x509_crt_deinit (s->crt);
  gnutls_x509_privkey_deinit (s->key);
  g_free (s->path);
}

static void
refresh (PdTrustRefresh *refresher,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_trust_refresh_run_async, refresher, NULL);

  pd_trust_refresh_run_finish (refresher, result, error);
}

static guint
count_files (const char *dir,
             const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
        n++;
      }
  return n;
}

static void
test_trust_refresh_adds_signer_then_crl_revokes_it (void)
{
  g_autofree char *pki = g_build_filename (data_dir, "pki-refresh", NULL);
  g_autofree char *trust = g_build_filename (data_dir, "trust-refresh", NULL);
  g_autoptr(PdTrustStore) store = NULL;
  g_autoptr(PdVerifier) verifier = NULL;
  g_autoptr(PdTrustStore) reloaded = NULL;
  g_autoptr(PdVerifier) reverifier = NULL;
  g_autoptr(PdCode) code = NULL;
  g_autoptr(PdVerdict) before = NULL;
  g_autoptr(PdVerdict) after = NULL;
  g_autoptr(PdVerdict) restarted = NULL;
  g_autoptr(PdVerdict) revoked = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code_text = NULL;
  g_autofree char *empty_crl = NULL;
  g_autofree char *revoking_crl = NULL;
  g_auto(GStrv) args1 = NULL;
  g_auto(GStrv) args2 = NULL;
  Signer2 s2;

  g_mkdir_with_parents (pki, 0700);
  make_signer2 (&s2, pki);
  store = demo_store (trust);
  verifier = pd_verifier_new (store);
  code_text = sign_code (s2.crt, s2.key, VALID_NUMBER);
  code = pd_code_new_for_text (code_text, PD_CODE_SOURCE_TYPED);
  now = g_date_time_new_now_utc ();

  before = pd_verifier_verify (verifier, code, now);
  g_assert_cmpint (pd_verdict_get_result (before), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (before), ==, "The signer is not on the trust list of its authority");

  /* First list: signer 2 is listed. */
  empty_crl = write_crl (pki, "empty.crl", NULL);
  {
    const char *extra[] = { "--trust-cert", s2.path, "--crl", empty_crl, NULL };
    g_autoptr(PdTestPortal) portal = NULL;
    g_autoptr(PdPortalClient) client = NULL;
    g_autoptr(PdTrustRefresh) refresher = NULL;

    args1 = signer_args (extra);
    portal = pd_test_portal_start ((const char * const *) args1);
    client = pd_test_client_new (portal->url);
    refresher = pd_trust_refresh_new (client, store, trust);
    refresh (refresher, &error);
    g_assert_no_error (error);
    g_assert_nonnull (pd_trust_refresh_get_refreshed_at (refresher));
  }
  /* Verified after the list was taken: the clock is never behind the list's time. */
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_utc ();
  after = pd_verifier_verify (verifier, code, now);
  g_assert_cmpint (pd_verdict_get_result (after), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 5);   /* CA, two signers, the list signer, CRL */

  /* Saved: a store loaded afresh from the folder knows signer 2 too. */
  reloaded = pd_trust_store_new ();
  g_assert_true (pd_trust_store_load_directory (reloaded, trust, &error));
  g_assert_no_error (error);
  reverifier = pd_verifier_new (reloaded);
  restarted = pd_verifier_verify (reverifier, code, now);
  g_assert_cmpint (pd_verdict_get_result (restarted), ==, PD_VERDICT_RESULT_VALID);

  /* Second list: a CRL revokes signer 2. */
  revoking_crl = write_crl (pki, "revoking.crl", s2.crt);
  {
    const char *extra[] = { "--trust-cert", s2.path, "--crl", revoking_crl, NULL };
    g_autoptr(PdTestPortal) portal = NULL;
    g_autoptr(PdPortalClient) client = NULL;
    g_autoptr(PdTrustRefresh) refresher = NULL;

    args2 = signer_args (extra);
    portal = pd_test_portal_start ((const char * const *) args2);
    client = pd_test_client_new (portal->url);
    refresher = pd_trust_refresh_new (client, store, trust);
    refresh (refresher, &error);
    g_assert_no_error (error);
  }
  /* Verified after the second list was taken, so the clock is not behind its CRL. */
  later = g_date_time_new_now_utc ();
  revoked = pd_verifier_verify (verifier, code, later);
  g_assert_cmpint (pd_verdict_get_result (revoked), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (revoked), ==, "The signer certificate has been revoked");
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 6);
  signer2_clear (&s2);
}

static GBytes *
fetch_list (PdPortalClient  *client,
            char           **signature)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_trust_list_async, client, NULL);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *payload = NULL;

  data = pd_portal_client_fetch_trust_list_finish (client, result, &payload, signature, &error);
  g_assert_no_error (error);
  return payload;
}

/* A list made and signed here, with the key of @signer (a DEMO signer's name). */
static GBytes *
local_list_signed_by (const char  *signer,
                      const char  *issued_at,
                      const char  *next_update,
                      char       **signature)
{
  g_autofree char *key_name = g_strconcat (signer, ".key", NULL);
  g_autofree char *cert_name = g_strconcat (signer, ".pem", NULL);
  g_autofree char *key_path = demo_key_path (key_name);
  g_autofree char *cert_path = demo_path (cert_name);
  g_auto(gnutls_x509_privkey_t) x509_key = pd_pki_load_key (key_path, NULL);
  g_auto(gnutls_privkey_t) key = pd_pki_privkey_from_x509 (x509_key, NULL);
  g_auto(gnutls_x509_crt_t) crt = pd_pki_load_crt (cert_path, NULL);
  g_autoptr(GBytes) der = pd_pki_crt_to_der (crt);
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  char *payload = g_strdup_printf ("{\"issued_at\":\"%s\",\"next_update\":\"%s\","
                                   "\"certificates\":[{\"usage\":\"signer\",\"der\":\"%s\"}],\"crls\":[]}",
                                   issued_at, next_update, b64);

  *signature = pd_trust_list_sign ((const guint8 *) payload, strlen (payload), key, NULL);
  g_assert_nonnull (*signature);
  return g_bytes_new_take (payload, strlen (payload));
}

/* A list made and signed here, with the DEMO list signer's key. */
static GBytes *
local_list (const char  *issued_at,
            const char  *next_update,
            char       **signature)
{
  return local_list_signed_by ("demo-list-signer", issued_at, next_update, signature);
}

static void
test_tampered_old_or_expired_trust_list_is_refused (void)
{
  g_auto(GStrv) args = signer_args (NULL);
  g_autoptr(PdTestPortal) portal = pd_test_portal_start ((const char * const *) args);
  g_autoptr(PdPortalClient) client = pd_test_client_new (portal->url);
  g_autofree char *trust = g_build_filename (data_dir, "trust-tampered", NULL);
  g_autoptr(PdTrustStore) store = demo_store (trust);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) updated_before = g_date_time_ref (pd_trust_store_get_updated_at (store));
  g_autofree char *signature = NULL;
  g_autofree char *old_signature = NULL;
  g_autofree char *expired_signature = NULL;
  g_autofree char *document_signature = NULL;
  g_autoptr(GBytes) by_document_signer = NULL;
  g_autoptr(GBytes) payload = fetch_list (client, &signature);
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GBytes) old_list = NULL;
  g_autoptr(GBytes) expired = NULL;
  g_autoptr(GError) error = NULL;
  guint n_signers = pd_trust_store_get_n_signers (store);
  guint8 *bytes;
  gsize len;
  char *at;

  /* One character of the payload changed (a date digit): the signature no longer fits. */
  bytes = g_bytes_unref_to_data (g_bytes_ref (payload), &len);
  at = g_strstr_len ((char *) bytes, len, "\"issued_at\":\"20");
  g_assert_nonnull (at);
  at[strlen ("\"issued_at\":\"20")] ^= 1;
  tampered = g_bytes_new_take (bytes, len);
  g_assert_false (pd_trust_list_apply (store, trust, tampered, signature, now, &error));
  g_assert_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_BAD_SIGNATURE);
  g_assert_cmpstr (error->message, ==,
                   "The portal’s trust list is not signed by a trusted signer; it was refused and the trust data kept as it was");
  g_clear_error (&error);
  g_assert_cmpuint (pd_trust_store_get_n_signers (store), ==, n_signers);
  g_assert_true (g_date_time_equal (pd_trust_store_get_updated_at (store), updated_before));
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 0);

  /* A list signed by a document signer, trusted as it is for permit codes, is not
   * taken: only a certificate made for signing lists may change the trust data. */
  by_document_signer = local_list_signed_by ("demo-signer", "2099-01-01T00:00:00Z", "2099-02-01T00:00:00Z",
                                             &document_signature);
  g_assert_false (pd_trust_list_apply (store, trust, by_document_signer, document_signature, now, &error));
  g_assert_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 0);

  /* The genuine list is taken ... */
  g_assert_true (pd_trust_list_apply (store, trust, payload, signature, now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 3);   /* CA, document signer, list signer */

  /* ... and an older one, genuinely signed, is not. */
  old_list = local_list ("2026-01-01T00:00:00Z", "2099-01-01T00:00:00Z", &old_signature);
  g_assert_false (pd_trust_list_apply (store, trust, old_list, old_signature, now, &error));
  g_assert_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_OLDER);
  g_clear_error (&error);

  expired = local_list ("2099-01-01T00:00:00Z", "2026-01-02T00:00:00Z", &expired_signature);
  g_assert_false (pd_trust_list_apply (store, trust, expired, expired_signature, now, &error));
  g_assert_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_EXPIRED);
  g_assert_cmpuint (count_files (trust, "portal-"), ==, 3);
}

/* ---- the Notice PDF -------------------------------------------------------------- */

static void
test_downloaded_notice_verifies_valid (void)
{
  g_auto(GStrv) args = signer_args (NULL);
  g_autoptr(PdTestPortal) portal = pd_test_portal_start ((const char * const *) args);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autofree char *app_dir = g_build_filename (data_dir, "app-notice", NULL);
  g_autofree char *app_trust = g_build_filename (app_dir, "trust", NULL);
  g_autofree char *pdf = g_build_filename (data_dir, "notice.pdf", NULL);
  g_autofree char *binary = g_build_filename (g_getenv ("PD_BUILD_ROOT"), "src", "permitdesk", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *out = NULL;
  g_autofree char *crl = NULL;

  result = PD_TEST_RUN (pd_portal_client_download_document_async, client, "case-0001",
                        PD_PORTAL_DOCUMENT_NOTICE, file, NULL);
  sha = pd_portal_client_download_document_finish (client, result, &error);
  g_assert_no_error (error);

  /* The shipped DEMO CRL ages; the app's own trust folder holds a fresh one. */
  g_mkdir_with_parents (app_trust, 0700);
  crl = write_crl (app_trust, "fresh.crl", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "PERMITDESK_DATA_DIR", app_dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, binary, "--verify", pdf, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "\"overall\" : \"valid\""));
  g_assert_nonnull (strstr (out, "\"permit_number\" : \"" VALID_NUMBER "\""));
  g_assert_nonnull (strstr (out, "\"name_latin\" : \"KELLER ANNA MARIA\""));
}

static void
test_portal_without_signer_options_refuses (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_new (portal->url);
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_trust_list_async, client, NULL);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;

  /* --seed demo alone must not pick up the DEMO keys. */
  data = pd_portal_client_fetch_trust_list_finish (client, result, NULL, NULL, &error);
  g_assert_null (data);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_SERVER);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  data_dir = pd_test_make_tmpdir ("pd-online-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/online/signed-code-cancelled-on-portal-is-invalid", test_signed_code_cancelled_on_portal_is_invalid);
  g_test_add_func ("/online/signed-code-valid-on-portal-says-when", test_signed_code_valid_on_portal_says_when);
  g_test_add_func ("/online/bare-number-valid-online-check-needed-when-down", test_bare_number_valid_online_check_needed_when_down);
  g_test_add_func ("/online/online-token-works-once", test_online_token_works_once);
  g_test_add_func ("/online/online-token-expires", test_online_token_expires);
  g_test_add_func ("/online/trust-refresh-adds-signer-then-crl-revokes-it", test_trust_refresh_adds_signer_then_crl_revokes_it);
  g_test_add_func ("/online/tampered-old-or-expired-trust-list-is-refused", test_tampered_old_or_expired_trust_list_is_refused);
  g_test_add_func ("/online/downloaded-notice-verifies-valid", test_downloaded_notice_verifies_valid);
  g_test_add_func ("/online/portal-without-signer-options-refuses", test_portal_without_signer_options_refuses);

  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  g_free (data_dir);
  return ret;
}
