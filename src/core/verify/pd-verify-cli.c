/* pd-verify-cli.c: `permitdesk --verify FILE|TEXT...`
 *
 * An input naming an existing file is read as the code's text (a saved or scanned
 * payload); anything else is the code itself. Verification is offline against the
 * default trust store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-permit-code.h"
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

/* One input to a JSON verdict; *status gets its exit code. */
static JsonNode *
verify_input (PdVerifier *verifier,
              const char *input,
              GDateTime  *now,
              int        *status)
{
  g_autoptr(PdCode) code = NULL;
  g_autoptr(PdVerdict) verdict = NULL;
  const char *file = NULL;

  if (g_file_test (input, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (input, FALSE, &error);
      g_autoptr(GBytes) bytes = NULL;

      file = input;
      if (mapped != NULL && g_mapped_file_get_length (mapped) > PD_PERMIT_CODE_MAX_SIZE * 4)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("“%s” is too large to hold a permit code"), input);
      if (error != NULL)
        {
          *status = PD_VERIFY_CLI_INVALID;
          return error_node (input, error);
        }
      bytes = g_mapped_file_get_bytes (mapped);
      code = pd_code_new (bytes, PD_CODE_SOURCE_TYPED);
    }
  else
    code = pd_code_new_for_text (input, PD_CODE_SOURCE_TYPED);

  verdict = pd_verifier_verify (verifier, code, now);
  *status = exit_code_for (pd_verdict_get_result (verdict));
  return verdict_node (verdict, file);
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
    {
      int one = PD_VERIFY_CLI_INVALID;

      json_array_add_element (results, verify_input (verifier, inputs[i], now, &one));
      status = worse (status, one);
    }

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
