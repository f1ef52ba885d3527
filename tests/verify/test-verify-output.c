/* test-verify-output.c: the printed page (as PDF, read back) and the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "pd-test-util.h"
#include "pd-verifier.h"
#include "pd-verify-cli.h"
#include "pd-verify-print.h"
#include "verify-fixtures.h"

static PdFixtures *fixtures;
static char *cli_trust_dir;
static PdFixtureIdentity cli_signer;

static PdVerdict *
verify (const char *text)
{
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(PdCode) code = pd_code_new_for_text (text, PD_CODE_SOURCE_CAMERA);

  return pd_verifier_verify (verifier, code, fixtures->now);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = (GObject *) poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(GObject) page = NULL;
  char *text;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (document)), ==, 1);
  page = (GObject *) poppler_document_get_page (POPPLER_DOCUMENT (document), 0);
  text = poppler_page_get_text (POPPLER_PAGE (page));
  return text;
}

static void
test_exported_pdf_holds_fields_and_verdict (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdVerdict) verdict = verify (code);
  g_autofree char *dir = pd_test_make_tmpdir ("pd-print-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "permit.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *hash_start = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (pd_verify_export_pdf (verdict, "Officer Wang 王警官", path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  text = pdf_text (path);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Detailed work permit information"));
  g_assert_nonnull (strstr (text, "Valid"));
  g_assert_nonnull (strstr (text, "The work permit is valid"));
  g_assert_nonnull (strstr (text, "LI MING"));
  g_assert_nonnull (strstr (text, "李明"));
  g_assert_nonnull (strstr (text, "110000202500012345"));
  g_assert_nonnull (strstr (text, "王警官"));
  hash_start = g_strndup (pd_verdict_get_code_hash (verdict), 16);
  g_assert_nonnull (strstr (text, hash_start));
  pd_test_rm_rf (dir);
}

static void
test_exported_pdf_of_invalid_code_says_invalid (void)
{
  g_autoptr(PdVerdict) verdict = verify ("hello");
  g_autofree char *dir = pd_test_make_tmpdir ("pd-print-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "invalid.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_true (pd_verify_export_pdf (verdict, "officer", path, NULL));
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Invalid"));
  g_assert_nonnull (strstr (text, "Not a work permit code"));
  pd_test_rm_rf (dir);
}

static void
test_export_to_missing_folder_fails_cleanly (void)
{
  g_autoptr(PdVerdict) verdict = verify ("hello");
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_verify_export_pdf (verdict, "officer", "/nonexistent/dir/x.pdf", &error));
  g_assert_nonnull (error);
}

static int
run_cli (const char * const *inputs,
         char              **output)
{
  FILE *out = tmpfile ();
  long len;
  int status;

  g_assert_nonnull (out);
  status = pd_verify_cli_run (inputs, out);
  len = ftell (out);
  rewind (out);
  *output = g_malloc0 (len + 1);
  g_assert_cmpint (fread (*output, 1, len, out), ==, len);
  fclose (out);
  return status;
}

static char *
fresh_code (void)
{
  g_autoptr(JsonNode) data = pd_fixtures_data ("2025-01-01", "2099-12-31");

  return pd_fixtures_sign (&cli_signer, data);
}

static void
test_cli_exit_codes (void)
{
  g_autofree char *code = fresh_code ();
  g_autofree char *tampered = g_strdup (code);
  const char *valid[] = { code, NULL };
  const char *invalid[] = { tampered, NULL };
  const char *number[] = { "110000202500012345", NULL };
  g_autofree char *out_valid = NULL;
  g_autofree char *out_invalid = NULL;
  g_autofree char *out_number = NULL;

  *strstr (tampered, "LI MING") = 'X';
  g_assert_cmpint (run_cli (valid, &out_valid), ==, PD_VERIFY_CLI_VALID);
  g_assert_nonnull (strstr (out_valid, "\"overall\" : \"valid\""));
  g_assert_nonnull (strstr (out_valid, "\"name_latin\" : \"LI MING\""));
  g_assert_cmpint (run_cli (invalid, &out_invalid), ==, PD_VERIFY_CLI_INVALID);
  g_assert_nonnull (strstr (out_invalid, "\"overall\" : \"invalid\""));
  g_assert_cmpint (run_cli (number, &out_number), ==, PD_VERIFY_CLI_CHECK_NEEDED);
  g_assert_nonnull (strstr (out_number, "\"overall\" : \"check-needed\""));
}

static void
test_cli_reads_files_and_reports_the_worst (void)
{
  g_autofree char *code = fresh_code ();
  g_autofree char *dir = pd_test_make_tmpdir ("pd-cli-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "code.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  const char *one_file[] = { path, NULL };
  const char *several[] = { path, "110000202500012345", missing, NULL };
  g_autofree char *output = NULL;
  g_autofree char *output2 = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  g_assert_true (g_file_set_contents (path, code, -1, NULL));
  g_assert_cmpint (run_cli (one_file, &output), ==, PD_VERIFY_CLI_VALID);
  g_assert_nonnull (strstr (output, "\"file\" : \""));

  /* A missing file is not a file: it is read as text, and is no permit code. */
  g_assert_cmpint (run_cli (several, &output2), ==, PD_VERIFY_CLI_INVALID);
  root = json_from_string (output2, NULL);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "overall"), ==, "check-needed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "overall"), ==, "invalid");
  pd_test_rm_rf (dir);
}

static void
run_tool (const char *dir,
          const char *command_line)
{
  g_autofree char *tool = g_build_filename (g_getenv ("PD_BUILD_ROOT"), "tools", "permitdesk-sign", NULL);
  g_autofree char *full = g_strdup_printf ("%s %s", tool, command_line);
  g_auto(GStrv) argv = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_shell_parse_argv (full, NULL, &argv, &error);
  g_assert_no_error (error);
  g_spawn_sync (dir, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The demo workflow end to end: CA, signer, CRL and a signed code, then verified. */
static void
test_permitdesk_sign_makes_a_working_pki (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-sign-XXXXXX");
  g_autofree char *trust = g_build_filename (dir, "trust", NULL);
  g_autofree char *keys = g_build_filename (dir, "keys", NULL);
  g_autofree char *msg = g_build_filename (dir, "msg.json", NULL);
  g_autofree char *key_path = g_build_filename (keys, "signer.key", NULL);
  g_autofree char *tool = g_build_filename (g_getenv ("PD_BUILD_ROOT"), "tools", "permitdesk-sign", NULL);
  g_autofree char *command = g_strdup_printf ("%s sign --cert trust/signer.pem --key keys/signer.key msg.json", tool);
  g_autofree char *code = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(PdTrustStore) store = pd_trust_store_new ();
  g_autoptr(PdVerifier) verifier = NULL;
  g_autoptr(PdCode) c = NULL;
  g_autoptr(PdVerdict) verdict = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  int status;

  g_mkdir (trust, 0700);
  g_mkdir (keys, 0700);
  g_assert_true (g_file_set_contents (msg,
    "{\"no\":\"110000202600000001\",\"name_latin\":\"DEMO PERSON\",\"nationality\":\"CAN\","
    "\"dob\":\"1988-08-08\",\"employer\":\"DEMO Ltd\",\"category\":\"A\","
    "\"valid_from\":\"2020-01-01\",\"valid_until\":\"2099-12-31\",\"issued\":\"2019-12-15\"}", -1, NULL));
  run_tool (dir, "make-ca --cert trust/ca.pem --key keys/ca.key --days 30");
  run_tool (dir, "make-signer --ca-cert trust/ca.pem --ca-key keys/ca.key --cert trust/signer.pem --key keys/signer.key --days 30");
  run_tool (dir, "make-crl --ca-cert trust/ca.pem --ca-key keys/ca.key --out trust/crl.pem --days 7");
  g_assert_cmpint (stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_shell_parse_argv (command, NULL, &argv, NULL);
  g_spawn_sync (dir, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &code, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pd_trust_store_load_directory (store, trust, &error);
  g_assert_no_error (error);
  verifier = pd_verifier_new (store);
  c = pd_code_new_for_text (code, PD_CODE_SOURCE_TYPED);
  /* Verified after the tool made its PKI, as a user would. */
  now = g_date_time_new_now_utc ();
  verdict = pd_verifier_verify (verifier, c, now);
  g_assert_cmpstr (pd_verdict_get_reason (verdict), ==, "The work permit is valid");
  pd_test_rm_rf (dir);
}

/* The CLI verifies at the real time: give it trust data current now. */
static void
set_up_cli_trust (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) to = g_date_time_add_days (now, 30);
  g_autoptr(GDateTime) crl_time = g_date_time_add_minutes (now, -5);
  g_auto(gnutls_x509_crl_t) crl = NULL;
  g_autofree char *ca_pem = pd_pki_crt_to_pem (fixtures->ca.crt);
  g_autofree char *crl_pem = NULL;
  g_autofree char *ca_path = NULL;
  g_autofree char *crl_path = NULL;
  g_autoptr(GError) error = NULL;

  cli_signer.key = pd_pki_generate_key (&error);
  cli_signer.crt = pd_pki_make_signer (cli_signer.key, "CLI Signer", 99, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL,
                                       fixtures->ca.crt, fixtures->ca.key, from, to, &error);
  g_assert_no_error (error);
  crl = pd_pki_make_crl (fixtures->ca.crt, fixtures->ca.key, NULL, 0, crl_time, to, &error);
  g_assert_no_error (error);
  crl_pem = pd_pki_crl_to_pem (crl);

  cli_trust_dir = pd_test_make_tmpdir ("pd-cli-trust-XXXXXX");
  ca_path = g_build_filename (cli_trust_dir, "ca.pem", NULL);
  crl_path = g_build_filename (cli_trust_dir, "crl.pem", NULL);
  g_assert_true (g_file_set_contents (ca_path, ca_pem, -1, NULL));
  g_assert_true (g_file_set_contents (crl_path, crl_pem, -1, NULL));
  g_setenv ("PERMITDESK_TRUST_DIR", cli_trust_dir, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdFixtures) f = NULL;
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  fixtures = f = pd_fixtures_new ();
  data_dir = pd_test_make_tmpdir ("pd-cli-data-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  set_up_cli_trust ();

  g_test_add_func ("/verify/print/exported-pdf-holds-fields-and-verdict", test_exported_pdf_holds_fields_and_verdict);
  g_test_add_func ("/verify/print/exported-pdf-of-invalid-code-says-invalid", test_exported_pdf_of_invalid_code_says_invalid);
  g_test_add_func ("/verify/print/export-to-missing-folder-fails-cleanly", test_export_to_missing_folder_fails_cleanly);
  g_test_add_func ("/verify/cli/exit-codes", test_cli_exit_codes);
  g_test_add_func ("/verify/cli/reads-files-and-reports-the-worst", test_cli_reads_files_and_reports_the_worst);
  g_test_add_func ("/verify/tool/permitdesk-sign-makes-a-working-pki", test_permitdesk_sign_makes_a_working_pki);

  status = g_test_run ();
  pd_test_rm_rf (cli_trust_dir);
  pd_test_rm_rf (data_dir);
  g_free (cli_trust_dir);
  gnutls_x509_privkey_deinit (cli_signer.key);
  gnutls_x509_crt_deinit (cli_signer.crt);
  return status;
}
