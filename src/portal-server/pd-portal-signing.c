/* pd-portal-signing.c: the signed permit code the portal prints on the notices
 *
 * The case JSON the portal hands its code signer ({"case", "permit", "person",
 * "employer"}) becomes the "data" of a signed permit code (docs/codes.md), signed with
 * the portal's signer key. permitdesk-portal uses it with --signer-cert/--signer-key;
 * tests that run the server in-process use the same mapping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pd-permit-code.h"
#include "pd-portal-server.h"

/* A string member, NULL when absent or null. */
static const char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static JsonObject *
child (JsonObject *root,
       const char *name)
{
  JsonNode *node = json_object_get_member (root, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The "data" of a signed permit code (docs/codes.md) from the case JSON the portal
 * hands over ({"case", "permit", "person", "employer"}). */
static JsonNode *
permit_code_data (JsonObject *root)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonObject *permit = child (root, "permit"), *person = child (root, "person");
  JsonObject *employer = child (root, "employer"), *case_object = child (root, "case");
  g_autofree char *latin = g_strjoin (" ", text_member (person, "family_name"),
                                      text_member (person, "given_names"), NULL);
  g_autofree char *latin_up = g_utf8_strup (latin, -1);
  g_autofree char *category = g_ascii_strup (text_member (permit, "category"), -1);
  const char *decided = text_member (case_object, "decided_at");
  g_autofree char *issued = decided != NULL ? g_strndup (decided, 10) : g_strdup (text_member (permit, "valid_from"));
  const char *employer_name = text_member (employer, "name_zh");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hdr");
  json_builder_begin_object (builder);
  add_text (builder, "t", "WP");
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, 1);
  add_text (builder, "is", "CHN");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "msg");
  json_builder_begin_object (builder);
  add_text (builder, "no", text_member (permit, "number"));
  add_text (builder, "name_zh", text_member (person, "name_zh"));
  add_text (builder, "name_latin", latin_up);
  add_text (builder, "nationality", text_member (person, "nationality"));
  add_text (builder, "dob", text_member (person, "birth_date"));
  add_text (builder, "employer", employer_name != NULL ? employer_name : text_member (employer, "name"));
  add_text (builder, "category", category);
  add_text (builder, "valid_from", text_member (permit, "valid_from"));
  add_text (builder, "valid_until", text_member (permit, "valid_until"));
  add_text (builder, "issued", issued);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
pd_portal_sign_permit_code (const char         *case_json,
                            gnutls_privkey_t    key,
                            gnutls_x509_crt_t   crt,
                            GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (case_json != NULL && key != NULL && crt != NULL, NULL);

  if (!json_parser_load_from_data (parser, case_json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_MALFORMED, "the case data is not an object");
      return NULL;
    }
  data = permit_code_data (json_node_get_object (json_parser_get_root (parser)));
  return pd_permit_code_sign (data, key, crt, error);
}
