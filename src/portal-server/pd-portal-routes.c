/* pd-portal-routes.c: sessions, and employers, persons and cases as resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <string.h>

#include "pd-portal-server-private.h"

#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGE_SIZE     1000

static const char *kind_names[] = { "employers", "persons", "cases", "permits" };

static const char *
method (PdPortalRequest *req)
{
  return soup_server_message_get_method (req->msg);
}

void
pd_portal_respond_method_not_allowed (PdPortalRequest *req)
{
  pd_portal_respond_problem (req, 405, PD_PROBLEM_METHOD_NOT_ALLOWED, "Method not allowed",
                             "This resource does not support the method.", NULL);
}

static void
respond_forbidden (PdPortalRequest *req)
{
  pd_portal_respond_problem (req, 403, PD_PROBLEM_FORBIDDEN, "Forbidden",
                             "Your role or employer may not access this record.", NULL);
}

static void
respond_invalid (PdPortalRequest *req,
                 const GError    *error)
{
  pd_portal_respond_problem (req, 422, PD_PROBLEM_INVALID_FIELD, "Invalid field",
                             error->message, NULL);
}

/* ---- access -------------------------------------------------------------------- */

static const char *
member_or_null (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
employer_of (PdPortalKind  kind,
             JsonObject   *resource)
{
  return member_or_null (resource, kind == PD_PORTAL_KIND_EMPLOYER ? "id" : "employer_id");
}

static const char *
person_of (PdPortalKind  kind,
           JsonObject   *resource)
{
  if (kind == PD_PORTAL_KIND_EMPLOYER)
    return NULL;
  return member_or_null (resource, kind == PD_PORTAL_KIND_PERSON ? "id" : "person_id");
}

/* Officers read everything; HR reads its employer's records; applicants their own. */
gboolean
pd_portal_may_read (PdPortalUser *user,
                    PdPortalKind  kind,
                    JsonObject   *resource)
{
  if (g_str_equal (user->role, "officer"))
    return TRUE;
  if (g_str_equal (user->role, "hr"))
    return g_strcmp0 (employer_of (kind, resource), user->employer_id) == 0;
  if (kind == PD_PORTAL_KIND_EMPLOYER)
    return g_strcmp0 (employer_of (kind, resource), user->employer_id) == 0;
  return user->person_id != NULL && g_strcmp0 (person_of (kind, resource), user->person_id) == 0;
}

/* HR writes persons and cases of its employer and its employer's own record; officers
 * register employers. */
static gboolean
may_write (PdPortalUser *user,
           PdPortalKind  kind,
           const char   *employer_id,
           gboolean      create)
{
  if (kind == PD_PORTAL_KIND_PERMIT)
    return FALSE;
  if (g_str_equal (user->role, "officer"))
    return kind == PD_PORTAL_KIND_EMPLOYER;
  if (!g_str_equal (user->role, "hr") || (kind == PD_PORTAL_KIND_EMPLOYER && create))
    return FALSE;
  return g_strcmp0 (employer_id, user->employer_id) == 0;
}

/* Loads a record the signed-in user may read, or answers 404/403 and returns NULL. */
JsonObject *
pd_portal_load_readable (PdPortalRequest *req,
                         PdPortalKind     kind,
                         const char      *id)
{
  g_autoptr(JsonObject) resource = NULL;
  g_autoptr(GError) error = NULL;

  if (!pd_portal_is_id (id))
    {
      pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                                 "No such record.", NULL);
      return NULL;
    }
  resource = pd_portal_db_get_resource (pd_portal_server_get_db (req->server),
                                        kind_names[kind], id, &error);
  if (resource == NULL)
    pd_portal_respond_error (req, error);
  else if (!pd_portal_may_read (req->user, kind, resource))
    respond_forbidden (req);
  else
    return g_steal_pointer (&resource);
  return NULL;
}

void
pd_portal_respond_resource (PdPortalRequest *req,
                            guint            status,
                            JsonObject      *resource)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                           json_object_get_int_member (resource, "version"));

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "ETag", etag);
  pd_portal_respond_object (req, status, resource);
}

/* ---- sessions ------------------------------------------------------------------ */

typedef struct {
  PdPortalRequest *req;
  char            *user_name;
  char            *password;
  char            *address;
  PdPortalUser    *user;
  GBytes          *salt;
  GBytes          *hash;
  guint            iterations;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->user_name);
  if (sign_in->password != NULL)
    explicit_bzero (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in->address);
  pd_portal_user_free (sign_in->user);
  g_clear_pointer (&sign_in->salt, g_bytes_unref);
  g_clear_pointer (&sign_in->hash, g_bytes_unref);
  g_free (sign_in);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  g_autoptr(GBytes) computed = pd_portal_password_hash (sign_in->password, sign_in->salt,
                                                        sign_in->iterations);

  g_task_return_boolean (task, computed != NULL && sign_in->hash != NULL &&
                                 pd_portal_bytes_equal_ct (computed, sign_in->hash));
}

static void
create_session (PdPortalRequest *req,
                PdPortalUser    *user)
{
  g_autoptr(GBytes) raw = pd_portal_random_bytes (32);
  g_autofree char *token = pd_portal_base64url (g_bytes_get_data (raw, NULL), 32);
  g_autoptr(GBytes) hash = pd_portal_sha256 (token, strlen (token));
  guint lifetime = pd_portal_server_get_token_lifetime (req->server);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expires = g_date_time_add_seconds (now, lifetime);
  g_autofree char *expires_text = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GError) error = NULL;

  if (!pd_portal_db_add_session (pd_portal_server_get_db (req->server), hash, user->name,
                                 g_date_time_to_unix (expires), &error))
    {
      pd_portal_respond_error (req, error);
      return;
    }
  json_object_set_string_member (reply, "token", token);
  json_object_set_string_member (reply, "expires_at", expires_text);
  json_object_set_string_member (reply, "role", user->role);
  if (user->employer_id != NULL)
    json_object_set_string_member (reply, "employer_id", user->employer_id);
  else
    json_object_set_null_member (reply, "employer_id");
  pd_portal_respond_object (req, 201, reply);
}

static void
on_password_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SignIn *sign_in = g_task_get_task_data (G_TASK (result));
  PdPortalRequest *req = sign_in->req;
  gboolean good = g_task_propagate_boolean (G_TASK (result), NULL) && sign_in->user != NULL;

  pd_portal_server_hash_done (req->server);
  pd_portal_server_sign_in_end (req->server, sign_in->user_name, sign_in->address, good);
  if (good)
    create_session (req, sign_in->user);
  else
    pd_portal_respond_problem (req, 401, PD_PROBLEM_INVALID_CREDENTIALS, "Sign-in failed",
                               "The user name or the password is wrong.", NULL);
  pd_portal_request_resume (req);
}

static gboolean
on_sign_in_delay_elapsed_cb (gpointer data)
{
  GTask *task = data;

  pd_portal_server_run_hash (g_task_get_source_object (task), task, hash_in_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
refuse_sign_in (PdPortalRequest *req,
                guint            retry_after_s)
{
  g_autofree char *seconds = g_strdup_printf ("%u", retry_after_s);
  g_autoptr(JsonObject) extra = json_object_new ();

  json_object_set_int_member (extra, "retry_after", retry_after_s);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Retry-After", seconds);
  pd_portal_respond_problem (req, 429, PD_PROBLEM_TOO_MANY_ATTEMPTS, "Too many sign-in attempts",
                             "Another sign-in for this user is being checked; wait and try again.",
                             extra);
}

static void
start_sign_in (PdPortalRequest *req,
               const char      *user_name,
               const char      *password)
{
  SignIn *sign_in;
  GSocketAddress *remote = soup_server_message_get_remote_address (req->msg);
  g_autofree char *address = G_IS_INET_SOCKET_ADDRESS (remote)
    ? g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)))
    : g_strdup ("unknown");
  GTask *task;
  g_autoptr(GError) error = NULL;
  guint delay = 0, retry_after = 0;

  if (!pd_portal_server_sign_in_begin (req->server, user_name, address, &delay, &retry_after))
    {
      refuse_sign_in (req, retry_after);
      return;
    }
  sign_in = g_new0 (SignIn, 1);
  sign_in->req = req;
  sign_in->user_name = g_strdup (user_name);
  sign_in->password = g_strdup (password);
  sign_in->address = g_steal_pointer (&address);
  sign_in->user = pd_portal_db_get_user (pd_portal_server_get_db (req->server), user_name,
                                         &sign_in->salt, &sign_in->hash,
                                         &sign_in->iterations, &error);
  if (sign_in->user == NULL)
    {
      /* Unknown users cost the same time as known ones. */
      sign_in->salt = pd_portal_random_bytes (16);
      sign_in->iterations = PD_PORTAL_PBKDF2_ITERATIONS;
    }

  task = g_task_new (req->server, NULL, on_password_checked_cb, NULL);
  g_task_set_source_tag (task, start_sign_in);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);
  pd_portal_request_pause (req);
  g_timeout_add (delay, on_sign_in_delay_elapsed_cb, task);
}

static void
route_session (PdPortalRequest *req)
{
  g_autoptr(JsonObject) body = NULL;
  const char *user = NULL, *password = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (method (req), "DELETE"))
    {
      const char *header = pd_portal_request_header (req, "Authorization");
      g_autoptr(GBytes) hash = NULL;

      if (!pd_portal_request_authenticate (req))
        return;
      hash = pd_portal_sha256 (header + 7, strlen (header + 7));
      if (!pd_portal_db_delete_session (pd_portal_server_get_db (req->server), hash, &error))
        pd_portal_respond_error (req, error);
      else
        soup_server_message_set_status (req->msg, 204, NULL);
      return;
    }
  if (!g_str_equal (method (req), "POST"))
    {
      pd_portal_respond_method_not_allowed (req);
      return;
    }
  body = pd_portal_request_body_object (req);
  if (body == NULL)
    return;
  if (!pd_portal_get_string (body, "user", FALSE, &user, &error) ||
      !pd_portal_get_string (body, "password", FALSE, &password, &error) ||
      strlen (user) == 0 || strlen (user) > 64 || strlen (password) == 0 || strlen (password) > 256)
    {
      pd_portal_respond_problem (req, 422, PD_PROBLEM_INVALID_FIELD, "Invalid field",
                                 "“user” (1–64 bytes) and “password” (1–256 bytes) are required.",
                                 NULL);
      return;
    }
  start_sign_in (req, user, password);
}

/* ---- collections --------------------------------------------------------------- */

/* Page tokens are opaque to clients: base64url of “kind|last seq|since time”. */
static char *
make_page_token (PdPortalKind  kind,
                 gint64        last_seq,
                 const char   *since_time)
{
  g_autofree char *raw = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", kind_names[kind],
                                          last_seq, since_time != NULL ? since_time : "");

  return pd_portal_base64url ((const guint8 *) raw, strlen (raw));
}

static gboolean
parse_page_token (const char    *token,
                  PdPortalKind   kind,
                  gint64        *after_seq,
                  char         **since_time)
{
  g_autofree char *padded = NULL;
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = strlen (token);
  guint64 seq;

  if (len == 0 || len > 200 || strspn (token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != len)
    return FALSE;
  padded = g_strnfill (len + (4 - len % 4) % 4, '=');
  memcpy (padded, token, len);
  g_strdelimit (padded, "-", '+');
  g_strdelimit (padded, "_", '/');
  raw = g_base64_decode (padded, &len);
  text = g_strndup ((const char *) raw, len);
  parts = g_strsplit (text, "|", 3);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], kind_names[kind]) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &seq, NULL) ||
      (*parts[2] != '\0' && !pd_portal_is_rfc3339 (parts[2])))
    return FALSE;
  *after_seq = (gint64) seq;
  *since_time = *parts[2] != '\0' ? g_strdup (parts[2]) : NULL;
  return TRUE;
}

/* Reads page_size, page_token and updated_since; answers 400 and returns FALSE when
 * one is wrong. */
static gboolean
parse_list_query (PdPortalRequest  *req,
                  PdPortalKind      kind,
                  guint            *page_size,
                  gint64           *after_seq,
                  char            **since_time)
{
  const char *size_text = pd_portal_request_query (req, "page_size");
  const char *token = pd_portal_request_query (req, "page_token");
  const char *since = pd_portal_request_query (req, "updated_since");
  guint64 value;

  *page_size = DEFAULT_PAGE_SIZE;
  *after_seq = 0;
  *since_time = NULL;
  if (size_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (size_text, 10, 1, MAX_PAGE_SIZE, &value, NULL))
        goto bad;
      *page_size = (guint) value;
    }
  if (token != NULL)
    {
      if (!parse_page_token (token, kind, after_seq, since_time))
        goto bad;
      return TRUE;
    }
  if (since != NULL)
    {
      if (g_ascii_string_to_unsigned (since, 10, 0, G_MAXINT64, &value, NULL))
        *after_seq = (gint64) value;
      else if (pd_portal_is_rfc3339 (since))
        *since_time = g_strdup (since);
      else
        goto bad;
    }
  return TRUE;

bad:
  pd_portal_respond_problem (req, 400, PD_PROBLEM_BAD_REQUEST, "Bad query",
                             "page_size is 1–1000; updated_since is a sync token or an RFC 3339 "
                             "time; page_token comes from a previous page.", NULL);
  return FALSE;
}

/* Lists by change sequence: a record changed while a client pages moves behind the
 * cursor and is sent again with its new version, never skipped. */
static void
list_collection (PdPortalRequest *req,
                 PdPortalKind     kind)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  PdPortalUser *user = req->user;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *since_time = NULL;
  g_autofree char *sync_token = NULL;
  JsonArray *array;
  const char *employer = NULL, *person = NULL;
  guint page_size;
  gint64 after_seq;
  gint64 current = pd_portal_db_current_seq (db);

  if (!parse_list_query (req, kind, &page_size, &after_seq, &since_time))
    return;
  if (g_str_equal (user->role, "hr") || (g_str_equal (user->role, "applicant") && kind == PD_PORTAL_KIND_EMPLOYER))
    employer = user->employer_id != NULL ? user->employer_id : "";
  else if (g_str_equal (user->role, "applicant"))
    person = user->person_id != NULL ? user->person_id : "";

  /* One more than asked tells whether another page follows. */
  items = pd_portal_db_list_resources (db, kind_names[kind], employer, person, after_seq,
                                       since_time, page_size + 1, &error);
  if (items == NULL)
    {
      pd_portal_respond_error (req, error);
      return;
    }
  array = json_array_new ();
  for (guint i = 0; i < MIN (items->len, page_size); i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (items, i)));
  json_object_set_array_member (reply, "items", array);
  if (items->len > page_size)
    {
      JsonObject *last = g_ptr_array_index (items, page_size - 1);
      g_autofree char *next = make_page_token (kind, json_object_get_int_member (last, "seq"),
                                               since_time);

      json_object_set_string_member (reply, "next_page_token", next);
    }
  else
    json_object_set_null_member (reply, "next_page_token");
  sync_token = g_strdup_printf ("%" G_GINT64_FORMAT, current);
  json_object_set_string_member (reply, "sync_token", sync_token);
  pd_portal_respond_object (req, 200, reply);
}

/* Persons and cases point to records that must exist and belong together. */
static gboolean
check_references (PdPortalRequest *req,
                  PdPortalKind     kind,
                  JsonObject      *body)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  const char *employer_id = member_or_null (body, "employer_id");
  g_autoptr(JsonObject) employer = NULL;
  g_autoptr(JsonObject) person = NULL;

  if (kind == PD_PORTAL_KIND_EMPLOYER)
    return TRUE;
  employer = pd_portal_db_get_resource (db, "employers", employer_id, NULL);
  if (kind == PD_PORTAL_KIND_CASE)
    person = pd_portal_db_get_resource (db, "persons", member_or_null (body, "person_id"), NULL);
  if (employer == NULL ||
      (kind == PD_PORTAL_KIND_CASE &&
       (person == NULL || g_strcmp0 (member_or_null (person, "employer_id"), employer_id) != 0)))
    {
      pd_portal_respond_problem (req, 422, PD_PROBLEM_INVALID_FIELD, "Invalid reference",
                                 "employer_id or person_id names no record of this employer.", NULL);
      return FALSE;
    }
  return TRUE;
}

static char *
new_id (PdPortalKind kind)
{
  static const char *prefixes[] = { "emp-", "per-", "case-", "" };
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat (prefixes[kind], uuid, NULL);
}

/* Stores and answers in one transaction, so a replayed Idempotency-Key always finds
 * the record it created. */
static void
store_created (PdPortalRequest *req,
               PdPortalKind     kind,
               JsonObject      *stored,
               const char      *idem_key,
               const char      *request_hash)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  g_autofree char *id = new_id (kind);
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!pd_portal_db_begin (db, &error))
    goto failed;
  created = pd_portal_db_put_resource (db, kind_names[kind], id,
                                       kind == PD_PORTAL_KIND_EMPLOYER ? id : employer_of (kind, stored),
                                       kind == PD_PORTAL_KIND_PERSON ? id : person_of (kind, stored),
                                       stored, -1, &error);
  if (created == NULL)
    goto failed;
  node = json_node_init_object (json_node_alloc (), created);
  text = json_to_string (node, FALSE);
  if (idem_key != NULL &&
      !pd_portal_db_put_idempotent (db, req->user->name, idem_key, request_hash, 201, text, &error))
    goto failed;
  if (!pd_portal_db_commit (db, &error))
    goto failed;
  pd_portal_respond_resource (req, 201, created);
  return;

failed:
  pd_portal_db_rollback (db);
  pd_portal_respond_error (req, error);
}

static char *
hash_request (PdPortalRequest *req)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) req->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body));
  return g_strdup (g_checksum_get_string (checksum));
}

/* TRUE when the request was answered from an earlier one with the same key. */
static gboolean
replay_idempotent (PdPortalRequest *req,
                   const char      *key,
                   const char      *request_hash)
{
  g_autofree char *stored_hash = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status;

  if (!pd_portal_db_get_idempotent (pd_portal_server_get_db (req->server), req->user->name, key,
                                    &stored_hash, &status, &body, NULL))
    return FALSE;
  if (!g_str_equal (stored_hash, request_hash))
    {
      pd_portal_respond_problem (req, 422, PD_PROBLEM_IDEMPOTENCY_KEY_REUSED,
                                 "Idempotency key reused",
                                 "This Idempotency-Key was used for a different request.", NULL);
      return TRUE;
    }
  node = pd_portal_json_parse (body, strlen (body), NULL);
  pd_portal_respond_resource (req, status, json_node_get_object (node));
  return TRUE;
}

static gboolean
valid_idempotency_key (const char *key)
{
  gsize len = strlen (key);

  if (len == 0 || len > 128)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (key[i] < 0x21 || key[i] > 0x7e)
      return FALSE;
  return TRUE;
}

static void
create_resource (PdPortalRequest *req,
                 PdPortalKind     kind)
{
  const char *key = pd_portal_request_header (req, "Idempotency-Key");
  g_autofree char *request_hash = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (key != NULL && !valid_idempotency_key (key))
    {
      pd_portal_respond_problem (req, 400, PD_PROBLEM_BAD_REQUEST, "Bad Idempotency-Key",
                                 "Idempotency-Key is 1–128 visible ASCII characters.", NULL);
      return;
    }
  request_hash = hash_request (req);
  if (key != NULL && replay_idempotent (req, key, request_hash))
    return;
  body = pd_portal_request_body_object (req);
  if (body == NULL)
    return;
  if (!pd_portal_schema_check (kind, body, PD_PORTAL_SCHEMA_CREATE, &error))
    {
      respond_invalid (req, error);
      return;
    }
  stored = pd_portal_schema_writable (kind, body);
  if (!may_write (req->user, kind, employer_of (kind, stored), TRUE))
    {
      respond_forbidden (req);
      return;
    }
  if (!check_references (req, kind, stored))
    return;
  if (kind == PD_PORTAL_KIND_CASE)
    {
      json_object_set_string_member (stored, "status", "draft");
      json_object_set_null_member (stored, "permit_number");
      json_object_set_null_member (stored, "submitted_at");
      json_object_set_null_member (stored, "decided_at");
    }
  store_created (req, kind, stored, key, request_hash);
}

/* If-Match: "7" (or W/"7"); -1 when absent, -2 when malformed. */
static gint64
parse_if_match (PdPortalRequest *req)
{
  const char *header = pd_portal_request_header (req, "If-Match");
  g_autofree char *inner = NULL;
  guint64 version;
  gsize len;

  if (header == NULL)
    return -1;
  if (g_str_has_prefix (header, "W/"))
    header += 2;
  len = strlen (header);
  if (len < 3 || header[0] != '"' || header[len - 1] != '"')
    return -2;
  inner = g_strndup (header + 1, len - 2);
  if (!g_ascii_string_to_unsigned (inner, 10, 1, G_MAXINT64, &version, NULL))
    return -2;
  return (gint64) version;
}

static void
respond_stale (PdPortalRequest *req,
               JsonObject      *current)
{
  g_autoptr(JsonObject) extra = json_object_new ();

  json_object_set_int_member (extra, "current_version", json_object_get_int_member (current, "version"));
  json_object_set_object_member (extra, "current", json_object_ref (current));
  pd_portal_respond_problem (req, 412, PD_PROBLEM_VERSION_MISMATCH, "Version mismatch",
                             "The record changed since you read it; current holds its present state.",
                             extra);
}

/* Checks If-Match against @current; answers 428/400/412 and returns FALSE if it fails. */
gboolean
pd_portal_check_if_match (PdPortalRequest *req,
                          JsonObject      *current,
                          gboolean         required)
{
  gint64 expected = parse_if_match (req);

  if (expected == -1 && required)
    pd_portal_respond_problem (req, 428, PD_PROBLEM_PRECONDITION_REQUIRED, "If-Match required",
                               "Send If-Match with the version you last read.", NULL);
  else if (expected == -2)
    pd_portal_respond_problem (req, 400, PD_PROBLEM_BAD_REQUEST, "Bad If-Match",
                               "If-Match is the quoted version, e.g. \"3\".", NULL);
  else if (expected >= 0 && expected != json_object_get_int_member (current, "version"))
    respond_stale (req, current);
  else
    return TRUE;
  return FALSE;
}

static gboolean
is_meta (const char *member)
{
  return g_str_equal (member, "id") || g_str_equal (member, "version") ||
         g_str_equal (member, "seq") || g_str_equal (member, "updated_at");
}

/* The record as stored after the change: members the server keeps (status, dates, …)
 * carry over; PATCH keeps the writable members it does not name, PUT drops them. */
static JsonObject *
merge_update (PdPortalKind  kind,
              JsonObject   *current,
              JsonObject   *body,
              gboolean      patch)
{
  g_autoptr(JsonObject) current_writable = pd_portal_schema_writable (kind, current);
  g_autoptr(JsonObject) changes = pd_portal_schema_writable (kind, body);
  g_autoptr(GList) members = json_object_get_members (current);
  g_autoptr(GList) changed = json_object_get_members (changes);
  JsonObject *merged = json_object_new ();

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_meta (l->data) && (patch || !json_object_has_member (current_writable, l->data)))
      json_object_set_member (merged, l->data,
                              json_node_copy (json_object_get_member (current, l->data)));
  for (GList *l = changed; l != NULL; l = l->next)
    json_object_set_member (merged, l->data,
                            json_node_copy (json_object_get_member (changes, l->data)));
  return merged;
}

static gboolean
case_is_editable (JsonObject *current)
{
  const char *status = member_or_null (current, "status");

  return g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "ready") == 0;
}

/* Writes @merged over @current (whose version the caller checked) and answers with the
 * new state. */
gboolean
pd_portal_store_update (PdPortalRequest *req,
                        PdPortalKind     kind,
                        JsonObject      *current,
                        JsonObject      *merged)
{
  PdPortalDb *db = pd_portal_server_get_db (req->server);
  const char *id = member_or_null (current, "id");
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(GError) error = NULL;

  /* An employer's own record is its own employer; @merged holds no id. */
  updated = pd_portal_db_put_resource (db, kind_names[kind], id,
                                       kind == PD_PORTAL_KIND_EMPLOYER ? id : employer_of (kind, merged),
                                       kind == PD_PORTAL_KIND_PERSON ? id : person_of (kind, merged),
                                       merged, json_object_get_int_member (current, "version"),
                                       &error);
  if (updated == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
    {
      g_autoptr(JsonObject) now = pd_portal_db_get_resource (db, kind_names[kind], id, NULL);

      if (now != NULL)
        {
          respond_stale (req, now);
          return FALSE;
        }
    }
  if (updated == NULL)
    {
      pd_portal_respond_error (req, error);
      return FALSE;
    }
  pd_portal_respond_resource (req, 200, updated);
  return TRUE;
}

static void
update_resource (PdPortalRequest *req,
                 PdPortalKind     kind,
                 const char      *id,
                 gboolean         patch)
{
  g_autoptr(JsonObject) current = pd_portal_load_readable (req, kind, id);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GError) error = NULL;

  if (current == NULL)
    return;
  if (!may_write (req->user, kind, employer_of (kind, current), FALSE))
    {
      respond_forbidden (req);
      return;
    }
  if (!pd_portal_check_if_match (req, current, TRUE))
    return;
  body = pd_portal_request_body_object (req);
  if (body == NULL)
    return;
  if (!pd_portal_schema_check (kind, body, patch ? PD_PORTAL_SCHEMA_PATCH : PD_PORTAL_SCHEMA_REPLACE,
                               &error))
    {
      respond_invalid (req, error);
      return;
    }
  if (kind == PD_PORTAL_KIND_CASE && !case_is_editable (current))
    {
      pd_portal_respond_problem (req, 409, PD_PROBLEM_INVALID_TRANSITION, "Not editable",
                                 "Only draft and ready cases can be edited.", NULL);
      return;
    }
  merged = merge_update (kind, current, body, patch);
  if (kind != PD_PORTAL_KIND_EMPLOYER && !may_write (req->user, kind, employer_of (kind, merged), FALSE))
    respond_forbidden (req);
  else if (check_references (req, kind, merged))
    pd_portal_store_update (req, kind, current, merged);
}

static void
route_collection (PdPortalRequest *req,
                  PdPortalKind     kind)
{
  const char *verb = method (req);

  if (req->n_segments == 1 && g_str_equal (verb, "GET"))
    list_collection (req, kind);
  else if (req->n_segments == 1 && g_str_equal (verb, "POST"))
    create_resource (req, kind);
  else if (req->n_segments == 1)
    pd_portal_respond_method_not_allowed (req);
  else if (req->n_segments == 2 && g_str_equal (verb, "GET"))
    {
      g_autoptr(JsonObject) resource = pd_portal_load_readable (req, kind, req->segments[1]);

      if (resource != NULL)
        pd_portal_respond_resource (req, 200, resource);
    }
  else if (req->n_segments == 2 && (g_str_equal (verb, "PUT") || g_str_equal (verb, "PATCH")))
    update_resource (req, kind, req->segments[1], g_str_equal (verb, "PATCH"));
  else if (req->n_segments == 2)
    pd_portal_respond_method_not_allowed (req);
  else if (kind == PD_PORTAL_KIND_CASE && req->n_segments == 3 &&
           (g_str_equal (req->segments[2], "submit") || g_str_equal (req->segments[2], "withdraw")))
    pd_portal_route_case_action (req, req->segments[1], req->segments[2]);
  else if (kind == PD_PORTAL_KIND_CASE && req->n_segments == 3 &&
           g_str_equal (req->segments[2], "documents"))
    pd_portal_route_documents (req, req->segments[1]);
  else if (kind == PD_PORTAL_KIND_CASE && req->n_segments == 4 &&
           g_str_equal (req->segments[2], "documents"))
    pd_portal_route_pdf (req, req->segments[1], req->segments[3]);
  else
    pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                               "No such resource in this API.", NULL);
}

/* The newest signed rule sets (docs/portal-api.md, "Rule sets"), for any signed-in role. */
static void
route_rules (PdPortalRequest *req)
{
  g_autoptr(JsonNode) rules = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (method (req), "GET"))
    pd_portal_respond_method_not_allowed (req);
  else if ((rules = pd_portal_server_build_rules (req->server, &error)) != NULL)
    pd_portal_respond_json (req, 200, rules);
  else if (g_error_matches (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_NO_RULES))
    pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                               "This portal serves no rule sets.", NULL);
  else if (g_error_matches (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_SIGNER))
    pd_portal_respond_problem (req, 503, PD_PROBLEM_SIGNER_UNAVAILABLE, "Signer unavailable",
                               "The portal has no signer configured for its rule sets.", NULL);
  else
    pd_portal_respond_error (req, error);
}

void
pd_portal_routes_dispatch (PdPortalRequest *req)
{
  PdPortalKind kind;
  const char *first = req->n_segments > 0 ? req->segments[0] : "";

  if (g_str_equal (first, "session") && req->n_segments == 1)
    route_session (req);
  else if (g_str_equal (first, "trust-list") && req->n_segments == 1)
    pd_portal_route_trust_list (req);
  else if (!pd_portal_request_authenticate (req))
    return;
  else if (g_str_equal (first, "permits"))
    pd_portal_route_permit (req);
  else if (g_str_equal (first, "verify") && req->n_segments == 1)
    pd_portal_route_verify (req);
  else if (g_str_equal (first, "rules") && req->n_segments == 1)
    route_rules (req);
  else if (pd_portal_kind_from_collection (first, &kind) && kind != PD_PORTAL_KIND_PERMIT)
    route_collection (req, kind);
  else
    pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                               "No such resource in this API.", NULL);
}
