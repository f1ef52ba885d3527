/* pd-verify-cli.c: `permitdesk --verify FILE|TEXT...`
 *
 * An input naming an image or PDF file is scanned and every code in it verified;
 * another existing file is read as the code's text (a saved payload); anything else
 * is the code itself. Verification is offline against the default trust store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-permit-code.h"
#include "pd-scan-file.h"
#include "pd-scanner.h"
#include "pd-verifier.h"
#include "pd-verify-cli.h"

static JsonNode *
verdict_node (PdVerdict  *verdict,
              const char *file)
{
  g_autofree char *json = pd_verdict_to_json (verdict);
  JsonNode *node = json_from_string (json, NULL);

  g_assert (node != NULL);
  if (file != NULL)
    json_object_set_string_member (json_node_get_object (node), "file", file);
  return node;
}

static JsonNode *
error_node (const char *file,
            GError     *error)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_set_string_member (object, "file", file);
  json_object_set_string_member (object, "overall", "invalid");
  json_object_set_string_member (object, "reason", error->message);
  json_object_unref (object);
  return node;
}

static int
worse (int a,
       int b)
{
  if (a == PD_VERIFY_CLI_INVALID || b == PD_VERIFY_CLI_INVALID)
    return PD_VERIFY_CLI_INVALID;
  if (a == PD_VERIFY_CLI_CHECK_NEEDED || b == PD_VERIFY_CLI_CHECK_NEEDED)
    return PD_VERIFY_CLI_CHECK_NEEDED;
  return PD_VERIFY_CLI_VALID;
}

static int
exit_code_for (PdVerdictResult result)
{
  switch (result)
    {
    case PD_VERDICT_RESULT_VALID:
      return PD_VERIFY_CLI_VALID;
    case PD_VERDICT_RESULT_CHECK_NEEDED:
      return PD_VERIFY_CLI_CHECK_NEEDED;
    case PD_VERDICT_RESULT_INVALID:
    default:
      return PD_VERIFY_CLI_INVALID;
    }
}

static void
add_verdict (JsonArray  *results,
             PdVerifier *verifier,
             PdCode     *code,
             GDateTime  *now,
             const char *file,
             int        *status)
{
  g_autoptr(PdVerdict) verdict = pd_verifier_verify (verifier, code, now);
  JsonNode *node = verdict_node (verdict, file);

  if (pd_code_get_page (code) > 0)
    json_object_set_int_member (json_node_get_object (node), "page", pd_code_get_page (code));
  json_array_add_element (results, node);
  *status = worse (*status, exit_code_for (pd_verdict_get_result (verdict)));
}

/* A file that is not an image or a PDF holds the code's text itself. */
static PdCode *
read_code_file (const char  *path,
                GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;

  if (mapped == NULL)
    return NULL;
  if (g_mapped_file_get_length (mapped) > PD_PERMIT_CODE_MAX_SIZE * 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is too large to hold a permit code"), path);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  return pd_code_new (bytes, PD_CODE_SOURCE_TYPED);
}

/* Every verdict one input gives; *status gets the worst exit code so far. */
static void
verify_input (JsonArray  *results,
              PdScanner  *scanner,
              PdVerifier *verifier,
              const char *input,
              GDateTime  *now,
              int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(PdCode) code = NULL;

  if (!g_file_test (input, G_FILE_TEST_IS_REGULAR))
    {
      code = pd_code_new_for_text (input, PD_CODE_SOURCE_TYPED);
      add_verdict (results, verifier, code, now, NULL, status);
      return;
    }

  codes = pd_scan_file (scanner, input, NULL, &error);
  if (codes != NULL)
    {
      for (guint i = 0; i < codes->len; i++)
        add_verdict (results, verifier, g_ptr_array_index (codes, i), now, input, status);
      return;
    }

  if (g_error_matches (error, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED))
    {
      g_clear_error (&error);
      code = read_code_file (input, &error);
    }

  if (code == NULL)
    {
      json_array_add_element (results, error_node (input, error));
      *status = PD_VERIFY_CLI_INVALID;
      return;
    }

  add_verdict (results, verifier, code, now, input, status);
}

/**
 * pd_verify_cli_run:
 * @inputs: %NULL-terminated files or code texts, at least one
 * @out: where the JSON goes (one object, or an array for several inputs)
 *
 * Returns: %PD_VERIFY_CLI_VALID, %PD_VERIFY_CLI_INVALID or
 *   %PD_VERIFY_CLI_CHECK_NEEDED, the worst over all inputs
 */
int
pd_verify_cli_run (const char * const *inputs,
                   FILE               *out)
{
  g_autoptr(PdTrustStore) store = NULL;
  g_autoptr(PdVerifier) verifier = NULL;
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonArray) results = json_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  int status = PD_VERIFY_CLI_VALID;

  g_return_val_if_fail (inputs != NULL && inputs[0] != NULL, PD_VERIFY_CLI_INVALID);
  g_return_val_if_fail (out != NULL, PD_VERIFY_CLI_INVALID);

  store = pd_trust_store_new_default ();
  verifier = pd_verifier_new (store);
  for (guint i = 0; inputs[i] != NULL; i++)
    verify_input (results, scanner, verifier, inputs[i], now, &status);

  if (json_array_get_length (results) == 1)
    root = json_node_copy (json_array_get_element (results, 0));
  else
    root = json_node_init_array (json_node_alloc (), results);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  fprintf (out, "%s\n", text);
  fflush (out);
  return status;
}
