/* pd-portal-permits.c: case actions, documents, permits, verification, trust list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <string.h>

#include "pd-portal-server-private.h"

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_method (PdPortalRequest *req,
           const char      *verb)
{
  return g_str_equal (soup_server_message_get_method (req->msg), verb);
}

static gboolean
in_list (const char        *value,
         const char * const *list)
{
  return value != NULL && g_strv_contains (list, value);
}

/* ---- submit and withdraw ------------------------------------------------------- */

static JsonObject *
copy_without_meta (JsonObject *resource)
{
  static const char * const meta[] = { "id", "version", "seq", "updated_at", NULL };
  g_autoptr(GList) members = json_object_get_members (resource);
  JsonObject *copy = json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (meta, l->data))
      json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (resource, l->data)));
  return copy;
}

void
pd_portal_route_case_action (PdPortalRequest *req,
                             const char      *case_id,
                             const char      *action)
{
  static const char * const submittable[] = { "draft", "ready", NULL };
  static const char * const withdrawable[] = { "draft", "ready", "submitted", "under-review", NULL };
  gboolean submit = g_str_equal (action, "submit");
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autofree char *now = NULL;
  const char *status;

  if (!is_method (req, "POST"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  current = pd_portal_load_readable (req, PD_PORTAL_KIND_CASE, case_id);
  if (current == NULL)
    return;
  if (!g_str_equal (req->user->role, "hr"))
    {
      pd_portal_respond_problem (req, 403, PD_PROBLEM_FORBIDDEN, "Forbidden",
                                 "Only the employer's HR may submit or withdraw a case.", NULL);
      return;
    }
  if (!pd_portal_check_if_match (req, current, FALSE))
    return;
  status = string_member (current, "status");
  if (!in_list (status, submit ? submittable : withdrawable))
    {
      pd_portal_respond_problem (req, 409, PD_PROBLEM_INVALID_TRANSITION, "Invalid transition",
                                 submit ? "Only draft and ready cases can be submitted."
                                        : "Decided or closed cases cannot be withdrawn.", NULL);
      return;
    }
  merged = copy_without_meta (current);
  json_object_set_string_member (merged, "status", submit ? "submitted" : "withdrawn");
  now = pd_portal_now_rfc3339 ();
  if (submit)
    json_object_set_string_member (merged, "submitted_at", now);
  pd_portal_store_update (req, PD_PORTAL_KIND_CASE, current, merged);
}

/* ---- documents ----------------------------------------------------------------- */

static gboolean
clean_name (const char *name)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) < 1 ||
      g_utf8_strlen (name, -1) > 200 || strpbrk (name, "/\\") != NULL)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
upload_document (PdPortalRequest *req,
                 JsonObject      *case_object)
{
  static const char * const accepted[] = { "application/pdf", "image/jpeg", "image/png", NULL };
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (req->msg), NULL);
  const char *expected = pd_portal_request_header (req, "X-Content-SHA256");
  const char *name = pd_portal_request_query (req, "name");
  g_autoptr(GBytes) data = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autofree char *actual = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  if (!in_list (type, accepted))
    pd_portal_respond_problem (req, 415, PD_PROBLEM_UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                               "Documents are application/pdf, image/jpeg or image/png.", NULL);
  else if (len == 0 || len > PD_PORTAL_DOCUMENT_LIMIT)
    pd_portal_respond_problem (req, 413, PD_PROBLEM_TOO_LARGE, "Bad size",
                               "Documents are 1 byte to 10 MiB.", NULL);
  else if (!clean_name (name) || !pd_portal_is_sha256_hex (expected))
    pd_portal_respond_problem (req, 400, PD_PROBLEM_BAD_REQUEST, "Bad upload",
                               "Send ?name= (1–200 characters, no slashes) and X-Content-SHA256 "
                               "(64 lowercase hex digits).", NULL);
  else if (!g_str_equal ((actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, len)), expected))
    pd_portal_respond_problem (req, 422, PD_PROBLEM_CHECKSUM_MISMATCH, "Checksum mismatch",
                               "The body does not match X-Content-SHA256; upload it again.", NULL);
  else if ((document = pd_portal_db_add_document (pd_portal_server_get_db (req->server),
                                                  string_member (case_object, "id"), name, type,
                                                  data, actual, &error)) == NULL)
    pd_portal_respond_error (req, error);
  else
    pd_portal_respond_object (req, 201, document);
}

static void
list_documents (PdPortalRequest *req,
                const char      *case_id)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();

  items = pd_portal_db_list_documents (pd_portal_server_get_db (req->server), case_id, &error);
  if (items == NULL)
    {
      json_array_unref (array);
      pd_portal_respond_error (req, error);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (items, i)));
  json_object_set_array_member (reply, "items", array);
  pd_portal_respond_object (req, 200, reply);
}

void
pd_portal_route_documents (PdPortalRequest *req,
                           const char      *case_id)
{
  g_autoptr(JsonObject) case_object = pd_portal_load_readable (req, PD_PORTAL_KIND_CASE, case_id);

  if (case_object == NULL)
    return;
  if (is_method (req, "GET"))
    list_documents (req, case_id);
  else if (!is_method (req, "POST"))
    pd_portal_respond_method_not_allowed (req);
  else if (g_str_equal (req->user->role, "officer"))
    pd_portal_respond_problem (req, 403, PD_PROBLEM_FORBIDDEN, "Forbidden",
                               "Officers do not attach documents to cases.", NULL);
  else
    upload_document (req, case_object);
}

/* ---- the two notification PDFs ------------------------------------------------- */

/* What the signer and the PDF get: the case with its permit, person and employer. */
static JsonObject *
document_data (PdPortalRequest *req,
               JsonObject      *case_object,
               GError         **error)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  g_autoptr(JsonObject) permit = NULL;
  g_autoptr(JsonObject) person = NULL;
  g_autoptr(JsonObject) employer = NULL;
  JsonObject *data;

  permit = pd_portal_db_get_resource (db, "permits", string_member (case_object, "permit_number"), error);
  if (permit == NULL)
    return NULL;
  person = pd_portal_db_get_resource (db, "persons", string_member (case_object, "person_id"), error);
  if (person == NULL)
    return NULL;
  employer = pd_portal_db_get_resource (db, "employers", string_member (case_object, "employer_id"), error);
  if (employer == NULL)
    return NULL;
  data = json_object_new ();
  json_object_set_object_member (data, "case", json_object_ref (case_object));
  json_object_set_object_member (data, "permit", g_steal_pointer (&permit));
  json_object_set_object_member (data, "person", g_steal_pointer (&person));
  json_object_set_object_member (data, "employer", g_steal_pointer (&employer));
  return data;
}

static void
send_pdf (PdPortalRequest *req,
          JsonObject      *data,
          gboolean         decision)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autofree char *code = NULL;
  g_autofree char *disposition = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  code = pd_portal_server_sign_code (req->server, json, &error);
  if (code == NULL)
    {
      g_warning ("permit code signer: %s", error->message);
      pd_portal_respond_problem (req, 503, PD_PROBLEM_SIGNER_UNAVAILABLE, "Signer unavailable",
                                 "The portal cannot sign permit codes, so it issues no documents.",
                                 NULL);
      return;
    }
  pdf = pd_portal_pdf_render (data, decision, code, &error);
  if (pdf == NULL)
    {
      pd_portal_respond_error (req, error);
      return;
    }
  disposition = g_strdup_printf ("attachment; filename=\"%s.pdf\"", decision ? "decision" : "notice");
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Content-Disposition", disposition);
  pd_portal_respond_bytes (req, 200, "application/pdf", pdf);
}

void
pd_portal_route_pdf (PdPortalRequest *req,
                     const char      *case_id,
                     const char      *which)
{
  static const char * const issued[] = { "approved", "filing-required", "filed", "completed", NULL };
  g_autoptr(JsonObject) case_object = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (which, "notice") && !g_str_equal (which, "decision"))
    {
      pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                                 "The documents are “notice” and “decision”.", NULL);
      return;
    }
  if (!is_method (req, "GET"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  case_object = pd_portal_load_readable (req, PD_PORTAL_KIND_CASE, case_id);
  if (case_object == NULL)
    return;
  if (!in_list (string_member (case_object, "status"), issued) ||
      string_member (case_object, "permit_number") == NULL)
    {
      pd_portal_respond_problem (req, 409, PD_PROBLEM_DOCUMENT_UNAVAILABLE, "Not approved",
                                 "The documents exist once the case is approved.", NULL);
      return;
    }
  data = document_data (req, case_object, &error);
  if (data == NULL)
    pd_portal_respond_error (req, error);
  else
    send_pdf (req, data, g_str_equal (which, "decision"));
}

/* ---- permits and verification -------------------------------------------------- */

/* A valid permit past its last day reads as expired; the holder's names come along
 * for the officer's screen. */
static JsonObject *
permit_view (PdPortalDb *db,
             JsonObject *permit)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(JsonObject) person = NULL;
  g_autoptr(JsonObject) employer = NULL;
  JsonObject *view = json_object_ref (permit);
  const char *until = string_member (permit, "valid_until");

  if (g_strcmp0 (string_member (permit, "status"), "valid") == 0 && g_strcmp0 (until, today) < 0)
    json_object_set_string_member (view, "status", "expired");
  person = pd_portal_db_get_resource (db, "persons", string_member (permit, "person_id"), NULL);
  employer = pd_portal_db_get_resource (db, "employers", string_member (permit, "employer_id"), NULL);
  if (person != NULL)
    {
      JsonObject *holder = json_object_new ();
      static const char * const members[] = { "family_name", "given_names", "name_zh",
                                              "nationality", "birth_date", NULL };

      for (guint i = 0; members[i] != NULL; i++)
        if (json_object_has_member (person, members[i]))
          json_object_set_member (holder, members[i],
                                  json_node_copy (json_object_get_member (person, members[i])));
      json_object_set_object_member (view, "holder", holder);
    }
  if (employer != NULL)
    json_object_set_string_member (view, "employer_name", string_member (employer, "name"));
  return view;
}

static void
issue_online_token (PdPortalRequest *req,
                    const char      *number)
{
  g_autoptr(GBytes) raw = pd_portal_random_bytes (32);
  g_autofree char *random = pd_portal_base64url (g_bytes_get_data (raw, NULL), 32);
  g_autofree char *token = g_strconcat ("PDT1.", random, NULL);
  g_autoptr(GBytes) hash = pd_portal_sha256 (token, strlen (token));
  guint lifetime = pd_portal_server_get_online_token_lifetime (req->server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, lifetime);
  g_autofree char *expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (!pd_portal_db_add_online_token (pd_portal_server_get_db (req->server), hash, number,
                                      g_date_time_to_unix (expires), &error))
    {
      pd_portal_respond_error (req, error);
      return;
    }
  json_object_set_string_member (reply, "token", token);
  json_object_set_string_member (reply, "expires_at", expires_text);
  pd_portal_respond_object (req, 201, reply);
}

void
pd_portal_route_permit (PdPortalRequest *req)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  const char *number = req->n_segments > 1 ? req->segments[1] : NULL;
  g_autoptr(JsonObject) permit = NULL;
  g_autoptr(JsonObject) view = NULL;
  gboolean token = req->n_segments == 3 && g_str_equal (req->segments[2], "token");

  if (number == NULL || req->n_segments > 3 || (req->n_segments == 3 && !token))
    {
      pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                                 "Permits are looked up as /api/v1/permits/{18 digits}.", NULL);
      return;
    }
  if (!is_method (req, token ? "POST" : "GET"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  if (!pd_portal_is_permit_number (number))
    {
      pd_portal_respond_problem (req, 400, PD_PROBLEM_BAD_REQUEST, "Bad permit number",
                                 "A permit number is 18 digits.", NULL);
      return;
    }
  permit = pd_portal_load_readable (req, PD_PORTAL_KIND_PERMIT, number);
  if (permit == NULL)
    return;
  if (token)
    {
      issue_online_token (req, number);
      return;
    }
  view = permit_view (db, permit);
  pd_portal_respond_object (req, 200, view);
}

static const char *
verdict_for_permit (JsonObject *view)
{
  const char *status = string_member (view, "status");

  if (g_strcmp0 (status, "valid") == 0)
    return "valid";
  if (g_strcmp0 (status, "expired") == 0)
    return "permit-expired";
  if (g_strcmp0 (status, "cancelled") == 0)
    return "permit-cancelled";
  return "permit-superseded";
}

static void
respond_verdict (PdPortalRequest *req,
                 const char      *kind,
                 const char      *reason,
                 JsonObject      *view)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *now = pd_portal_now_rfc3339 ();

  json_object_set_string_member (reply, "kind", kind);
  json_object_set_boolean_member (reply, "valid", g_str_equal (reason, "valid"));
  json_object_set_string_member (reply, "reason", reason);
  json_object_set_string_member (reply, "checked_at", now);
  if (view != NULL)
    json_object_set_object_member (reply, "permit", json_object_ref (view));
  else
    json_object_set_null_member (reply, "permit");
  pd_portal_respond_object (req, 200, reply);
}

static void
verify_number (PdPortalRequest *req,
               const char      *kind,
               const char      *number)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  g_autoptr(JsonObject) permit = pd_portal_db_get_resource (db, "permits", number, NULL);
  g_autoptr(JsonObject) view = NULL;

  if (permit == NULL)
    {
      respond_verdict (req, kind, "permit-unknown", NULL);
      return;
    }
  view = permit_view (db, permit);
  respond_verdict (req, kind, verdict_for_permit (view), view);
}

static void
verify_token (PdPortalRequest *req,
              const char      *token)
{
  static const char *reasons[] = { "valid", "token-unknown", "token-expired", "token-used" };
  g_autoptr(GBytes) hash = pd_portal_sha256 (token, strlen (token));
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;
  PdPortalTokenState state;

  state = pd_portal_db_use_online_token (pd_portal_server_get_db (req->server), hash,
                                         g_get_real_time () / G_USEC_PER_SEC, &number, &error);
  if (error != NULL)
    pd_portal_respond_error (req, error);
  else if (state != PD_PORTAL_TOKEN_OK)
    respond_verdict (req, "token", reasons[state], NULL);
  else
    verify_number (req, "token", number);
}

void
pd_portal_route_verify (PdPortalRequest *req)
{
  g_autoptr(JsonObject) body = NULL;
  const char *token = NULL, *number = NULL;

  if (!is_method (req, "POST"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  if (!g_str_equal (req->user->role, "officer"))
    {
      pd_portal_respond_problem (req, 403, PD_PROBLEM_FORBIDDEN, "Forbidden",
                                 "Only officers verify permits.", NULL);
      return;
    }
  body = pd_portal_request_body_object (req);
  if (body == NULL)
    return;
  token = string_member (body, "token");
  number = string_member (body, "permit_number");
  if (json_object_get_size (body) != 1 ||
      (!pd_portal_is_online_token (token) && !pd_portal_is_permit_number (number)))
    pd_portal_respond_problem (req, 422, PD_PROBLEM_INVALID_FIELD, "Invalid field",
                               "Send exactly one of “token” (PDT1.…) or “permit_number” (18 digits).",
                               NULL);
  else if (token != NULL)
    verify_token (req, token);
  else
    verify_number (req, "permit-number", number);
}

void
pd_portal_route_trust_list (PdPortalRequest *req)
{
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_method (req, "GET"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  list = pd_portal_server_build_trust_list (req->server, &error);
  if (list == NULL)
    {
      g_warning ("trust list: %s", error->message);
      pd_portal_respond_problem (req, 503, PD_PROBLEM_SIGNER_UNAVAILABLE, "Signer unavailable",
                                 "The portal has no trust list signer configured.", NULL);
      return;
    }
  pd_portal_respond_json (req, 200, list);
}
