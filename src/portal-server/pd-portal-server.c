/* pd-portal-server.c: the reference portal (docs/portal-api.md) as a reusable object
 *
 * One SoupServer on the thread-default main context; requests are handled there one at
 * a time, only password hashing runs on worker threads. Everything a request may say is
 * hostile until checked: sizes are limited before the body is read, JSON is checked
 * field by field, every refusal is an RFC 9457 problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "pd-portal-server-private.h"

typedef enum {
  FAULT_DELAY,
  FAULT_STATUS500,
  FAULT_TRUNCATE,
  FAULT_GARBAGE,
  FAULT_OVERSIZED,
  FAULT_WRONGTYPE,
} FaultKind;

typedef struct {
  FaultKind  kind;
  guint      delay_ms;
  char      *prefix;     /* NULL: every path */
} Fault;

typedef struct {
  char   *key;          /* "user\naddress", owned here, shared with the table */
  GList  *link;         /* in failure_order */
  guint   failures;
  guint   in_flight;
  gint64  last_usec;    /* last attempt, monotonic */
  gint64  ready_usec;   /* when the attempt in flight is checked */
} FailureRecord;

typedef struct {
  char   *usage;
  GBytes *der;
} TrustItem;

struct _PdPortalServer
{
  GObject              parent_instance;

  SoupServer          *soup;
  PdPortalDb          *db;
  GPtrArray           *faults;
  GHashTable          *failures;       /* "user\naddress" → FailureRecord */
  GQueue               failure_order;  /* FailureRecord, least recently tried first */
  guint                sign_ins_in_flight;
  guint                hashing;
  GQueue               waiting_hashes; /* GTask, waiting for a free hashing slot */
  GPtrArray           *trust_items;
  guint                token_lifetime;
  guint                online_token_lifetime;
  gboolean             tls;

  PdPortalCodeSigner   code_signer;
  gpointer             code_signer_data;
  GDestroyNotify       code_signer_destroy;
  PdPortalTrustSigner  trust_signer;
  gpointer             trust_signer_data;
  GDestroyNotify       trust_signer_destroy;
  GBytes              *signer_der;      /* the trust signer's certificate */
  char                *rules_dir;
};

G_DEFINE_TYPE (PdPortalServer, pd_portal_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (pd-portal-server-error-quark, pd_portal_server_error)

static const char *fault_names[] = {
  "delay", "status500", "truncate", "garbage", "oversized", "wrongtype",
};

static void
fault_free (Fault *fault)
{
  g_free (fault->prefix);
  g_free (fault);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fault, fault_free)

static void
trust_item_free (TrustItem *item)
{
  g_free (item->usage);
  g_bytes_unref (item->der);
  g_free (item);
}

static const Fault *
find_fault (PdPortalServer *self,
            const char     *path,
            FaultKind       kind)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      const Fault *fault = g_ptr_array_index (self->faults, i);

      if (fault->kind == kind && (fault->prefix == NULL || g_str_has_prefix (path, fault->prefix)))
        return fault;
    }
  return NULL;
}

/* ---- requests ------------------------------------------------------------------ */

static PdPortalRequest *
request_new (PdPortalServer    *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  PdPortalRequest *req = g_new0 (PdPortalRequest, 1);
  const char *below = path + strlen ("/api/v1");

  req->server = g_object_ref (self);
  req->msg = g_object_ref (msg);
  req->path = g_strdup (path);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  while (*below == '/')
    below++;
  req->segments = g_strsplit (below, "/", 8);
  req->n_segments = g_strv_length (req->segments);
  /* “/api/v1/cases/” and “/api/v1/cases” name the same thing. */
  if (req->n_segments > 0 && *req->segments[req->n_segments - 1] == '\0')
    {
      g_clear_pointer (&req->segments[req->n_segments - 1], g_free);
      req->n_segments--;
    }
  return req;
}

void
pd_portal_request_free (PdPortalRequest *req)
{
  g_clear_object (&req->server);
  g_clear_object (&req->msg);
  g_clear_pointer (&req->path, g_free);
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->user, pd_portal_user_free);
  g_free (req);
}

void
pd_portal_request_pause (PdPortalRequest *req)
{
  if (!req->paused)
    soup_server_message_pause (req->msg);
  req->paused = TRUE;
}

/* Ends a paused request whose answer is now set. */
void
pd_portal_request_resume (PdPortalRequest *req)
{
  g_assert (req->paused);
  soup_server_message_unpause (req->msg);
  pd_portal_request_free (req);
}

const char *
pd_portal_request_query (PdPortalRequest *req,
                         const char      *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

const char *
pd_portal_request_header (PdPortalRequest *req,
                          const char      *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), name);
}

static gboolean
is_json_content_type (PdPortalRequest *req)
{
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (req->msg), NULL);

  return g_strcmp0 (type, "application/json") == 0;
}

/* The body as a JSON object, or NULL after answering with a problem. */
JsonObject *
pd_portal_request_body_object (PdPortalRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (!is_json_content_type (req))
    {
      pd_portal_respond_problem (req, 415, PD_PROBLEM_UNSUPPORTED_MEDIA_TYPE,
                                 "Unsupported media type",
                                 "The body must be application/json.", NULL);
      return NULL;
    }
  if (len > PD_PORTAL_JSON_BODY_LIMIT)
    {
      pd_portal_respond_problem (req, 413, PD_PROBLEM_TOO_LARGE, "Body too large",
                                 "JSON bodies are limited to 64 KiB.", NULL);
      return NULL;
    }
  node = pd_portal_json_parse (data, len, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pd_portal_respond_problem (req, 400, PD_PROBLEM_INVALID_JSON, "Invalid JSON",
                                 node == NULL ? error->message : "The body must be a JSON object.",
                                 NULL);
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* Checks the bearer token; answers 401 and returns FALSE when it is not good. */
gboolean
pd_portal_request_authenticate (PdPortalRequest *req)
{
  const char *header = pd_portal_request_header (req, "Authorization");
  g_autoptr(GBytes) hash = NULL;
  g_autoptr(GError) error = NULL;
  PdPortalTokenState state = PD_PORTAL_TOKEN_UNKNOWN;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (header == NULL || !g_str_has_prefix (header, "Bearer ") || strlen (header) > 200)
    {
      pd_portal_respond_problem (req, 401, PD_PROBLEM_UNAUTHORIZED, "Not signed in",
                                 "Send “Authorization: Bearer <token>” from POST /api/v1/session.",
                                 NULL);
      return FALSE;
    }
  hash = pd_portal_sha256 (header + 7, strlen (header + 7));
  req->user = pd_portal_db_lookup_session (req->server->db, hash, now, &state, &error);
  if (error != NULL)
    {
      pd_portal_respond_error (req, error);
      return FALSE;
    }
  if (state == PD_PORTAL_TOKEN_EXPIRED)
    pd_portal_respond_problem (req, 401, PD_PROBLEM_TOKEN_EXPIRED, "Session expired",
                               "The token has expired; sign in again.", NULL);
  else if (state != PD_PORTAL_TOKEN_OK)
    pd_portal_respond_problem (req, 401, PD_PROBLEM_UNAUTHORIZED, "Not signed in",
                               "The token is not known to this portal.", NULL);
  return state == PD_PORTAL_TOKEN_OK;
}

/* ---- responses ----------------------------------------------------------------- */

static void
set_body (PdPortalRequest *req,
          guint            status,
          const char      *content_type,
          char            *data,
          gsize            len)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE, data, len);
}

/* Swaps the type of every scalar, for clients that must survive wrongly typed JSON. */
static JsonNode *
wrong_types (JsonNode *node)
{
  JsonNode *out;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                wrong_types (json_object_get_member (json_node_get_object (node), l->data)));
      return json_node_init_object (json_node_alloc (), object);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        json_array_add_element (array, wrong_types (json_array_get_element (json_node_get_array (node), i)));
      return json_node_init_array (json_node_alloc (), array);
    }
  out = json_node_alloc ();
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_init_int (out, 7);
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_init_string (out, "7");
  return json_node_init_boolean (out, TRUE);
}

void
pd_portal_respond_json (PdPortalRequest *req,
                        guint            status,
                        JsonNode        *node)
{
  PdPortalServer *self = req->server;
  g_autoptr(JsonNode) mangled = NULL;
  const char *type = status >= 400 ? "application/problem+json" : "application/json";
  gsize len;
  char *text;

  if (find_fault (self, req->path, FAULT_WRONGTYPE))
    node = mangled = wrong_types (node);
  text = json_to_string (node, FALSE);
  len = strlen (text);

  if (find_fault (self, req->path, FAULT_TRUNCATE))
    len /= 2;
  else if (find_fault (self, req->path, FAULT_GARBAGE))
    {
      g_free (text);
      text = g_strdup ("{\"id\": \xff\xfe garbage ]]}}");
      len = strlen (text);
    }
  else if (find_fault (self, req->path, FAULT_OVERSIZED))
    {
      /* Valid JSON, but larger than any client should accept (12 MiB). */
      len = 12 * 1024 * 1024;
      g_free (text);
      text = g_malloc (len);
      memset (text, 'a', len);
      memcpy (text, "{\"pad\":\"", 8);
      memcpy (text + len - 2, "\"}", 2);
    }
  set_body (req, status, type, text, len);
}

void
pd_portal_respond_object (PdPortalRequest *req,
                          guint            status,
                          JsonObject      *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  pd_portal_respond_json (req, status, node);
}

void
pd_portal_respond_problem (PdPortalRequest *req,
                           guint            status,
                           const char      *type,
                           const char      *title,
                           const char      *detail,
                           JsonObject      *extra)
{
  g_autoptr(JsonObject) problem = extra != NULL ? json_object_ref (extra) : json_object_new ();

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  if (detail != NULL)
    json_object_set_string_member (problem, "detail", detail);
  json_object_set_string_member (problem, "instance", req->path);
  if (status == 401)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate", "Bearer realm=\"permitdesk\"");
  pd_portal_respond_object (req, status, problem);
}

/* Errors of the database layer: never a crash, never the SQL text to the client. */
void
pd_portal_respond_error (PdPortalRequest *req,
                         const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      pd_portal_respond_problem (req, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                                 "No such record.", NULL);
      return;
    }
  g_warning ("request failed: %s", error->message);
  pd_portal_respond_problem (req, 500, PD_PROBLEM_INTERNAL, "Internal error",
                             "The portal could not complete the request.", NULL);
}

void
pd_portal_respond_bytes (PdPortalRequest *req,
                         guint            status,
                         const char      *content_type,
                         GBytes          *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  set_body (req, status, content_type, g_memdup2 (data, len), len);
}

/* ---- dispatch ------------------------------------------------------------------ */

static void
run_request (PdPortalRequest *req)
{
  if (find_fault (req->server, req->path, FAULT_STATUS500))
    pd_portal_respond_problem (req, 500, PD_PROBLEM_INTERNAL, "Injected fault",
                               "The portal runs with fault injection.", NULL);
  else
    pd_portal_routes_dispatch (req);
}

static gboolean
on_delay_elapsed_cb (gpointer data)
{
  PdPortalRequest *req = data;

  req->paused = FALSE;
  run_request (req);
  if (req->paused)
    return G_SOURCE_REMOVE;
  soup_server_message_unpause (req->msg);
  pd_portal_request_free (req);
  return G_SOURCE_REMOVE;
}

static void
on_api_request_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  PdPortalServer *self = user_data;
  PdPortalRequest *req = request_new (self, msg, path, query);
  const Fault *delay = find_fault (self, path, FAULT_DELAY);

  if (delay != NULL)
    {
      soup_server_message_pause (msg);
      g_timeout_add (delay->delay_ms, on_delay_elapsed_cb, req);
      return;
    }
  run_request (req);
  if (!req->paused)
    pd_portal_request_free (req);
}

static void
refuse_early (SoupServerMessage *msg,
              guint              status,
              const char        *type,
              const char        *title,
              const char        *detail)
{
  g_autoptr(JsonObject) problem = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  char *text;

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "detail", detail);
  node = json_node_init_object (json_node_alloc (), problem);
  text = json_to_string (node, FALSE);
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static void
on_refusal_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
}

/* libsoup reads a whole body before answering unless the client asked
 * “Expect: 100-continue”, so a refused upload would be read (and kept) anyway: the
 * connection is taken over, answered and closed without reading the body. */
static void
refuse_unread (SoupServerMessage *msg,
               guint              status,
               const char        *type,
               const char        *title,
               const char        *detail)
{
  g_autoptr(JsonObject) problem = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;
  GIOStream *stream;
  char *response;

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "detail", detail);
  node = json_node_init_object (json_node_alloc (), problem);
  body = json_to_string (node, FALSE);
  response = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/problem+json\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              status, soup_status_get_phrase (status), strlen (body), body);
  stream = soup_server_message_steal_connection (msg);
  g_object_set_data_full (G_OBJECT (stream), "pd-refusal", response, g_free);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), response, strlen (response),
                                   G_PRIORITY_DEFAULT, NULL, on_refusal_written_cb, stream);
}

static gboolean
is_api_path (const char *path)
{
  return g_str_equal (path, "/api/v1") || g_str_has_prefix (path, "/api/v1/");
}

/* Runs once the headers are in, for every path: bodies that are too large are refused
 * unread, and outside the API no body is read at all. */
static void
on_early_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset limit = strstr (path, "/documents") != NULL ? PD_PORTAL_DOCUMENT_LIMIT
                                                      : PD_PORTAL_JSON_BODY_LIMIT;
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if (!is_api_path (path))
    {
      if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF ||
          (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > 0))
        refuse_unread (msg, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                       "The portal API lives under /api/v1.");
    }
  else if (encoding == SOUP_ENCODING_CHUNKED || encoding == SOUP_ENCODING_EOF)
    refuse_unread (msg, 411, PD_PROBLEM_LENGTH_REQUIRED, "Length required",
                   "Send a Content-Length; chunked bodies are not accepted.");
  else if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > limit)
    refuse_unread (msg, 413, PD_PROBLEM_TOO_LARGE, "Body too large",
                   "The body is larger than this endpoint accepts.");
}

static void
on_other_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  refuse_early (msg, 404, PD_PROBLEM_NOT_FOUND, "Not found",
                "The portal API lives under /api/v1.");
}

/* ---- sign-in throttling -------------------------------------------------------- */

static char *
failure_key (const char *user,
             const char *address)
{
  return g_strconcat (user, "\n", address, NULL);
}

static void
failure_record_free (FailureRecord *record)
{
  g_free (record->key);
  g_free (record);
}

/* 0 ms after no failure, then 250 ms doubling per failure up to 8 s. */
static guint
failure_delay_ms (guint failures)
{
  return failures == 0 ? 0 : MIN (250u << MIN (failures - 1, 5u), 8000u);
}

static void
forget_record (PdPortalServer *self,
               FailureRecord  *record)
{
  g_queue_delete_link (&self->failure_order, record->link);
  g_hash_table_remove (self->failures, record->key);
}

/* Bounded: a flood of invented user names cannot grow the table without end. The least
 * recently tried record with at most one failure goes first (never one in flight): a
 * flood of single guesses pushes out its own records, not a victim's longer back-off. */
static void
evict_one (PdPortalServer *self)
{
  FailureRecord *oldest = NULL;

  for (GList *l = self->failure_order.head; l != NULL; l = l->next)
    {
      FailureRecord *record = l->data;

      if (record->in_flight > 0)
        continue;
      if (record->failures <= 1)
        {
          forget_record (self, record);
          return;
        }
      if (oldest == NULL)
        oldest = record;
    }
  if (oldest != NULL)
    forget_record (self, oldest);
}

static FailureRecord *
touch_record (PdPortalServer *self,
              const char     *user,
              const char     *address)
{
  g_autofree char *key = failure_key (user, address);
  FailureRecord *record = g_hash_table_lookup (self->failures, key);
  gint64 now = g_get_monotonic_time ();

  if (record != NULL && record->in_flight == 0 &&
      now - record->last_usec > PD_PORTAL_SIGN_IN_FORGET_USEC)
    {
      forget_record (self, record);
      record = NULL;
    }
  if (record == NULL)
    {
      if (g_hash_table_size (self->failures) >= PD_PORTAL_SIGN_IN_RECORDS)
        evict_one (self);
      record = g_new0 (FailureRecord, 1);
      record->key = g_steal_pointer (&key);
      g_queue_push_tail (&self->failure_order, record);
      record->link = self->failure_order.tail;
      g_hash_table_insert (self->failures, record->key, record);
    }
  else
    {
      g_queue_unlink (&self->failure_order, record->link);
      g_queue_push_tail_link (&self->failure_order, record->link);
    }
  record->last_usec = now;
  return record;
}

/* Called as a sign-in starts, before any hashing. An attempt counts from here, so
 * guesses sent in parallel cannot all pass before the first failure is recorded: while
 * one attempt for a user from an address is in flight, the next is refused. Returns
 * FALSE with @retry_after_s set when the attempt is refused; else the attempt is in
 * flight and waits @delay_ms (growing with earlier failures) before it is checked. */
gboolean
pd_portal_server_sign_in_begin (PdPortalServer *self,
                                const char     *user,
                                const char     *address,
                                guint          *delay_ms,
                                guint          *retry_after_s)
{
  FailureRecord *record;

  if (self->sign_ins_in_flight >= PD_PORTAL_SIGN_IN_MAX_IN_FLIGHT)
    {
      *retry_after_s = 1;
      return FALSE;
    }
  record = touch_record (self, user, address);
  if (record->in_flight > 0)
    {
      gint64 left = record->ready_usec - g_get_monotonic_time ();

      /* The attempt in flight still waits for its turn, then needs about a second. */
      *retry_after_s = (guint) (MAX (left, 0) / G_USEC_PER_SEC) + 1;
      return FALSE;
    }
  *delay_ms = failure_delay_ms (record->failures);
  record->in_flight++;
  record->ready_usec = g_get_monotonic_time () + *delay_ms * (gint64) 1000;
  self->sign_ins_in_flight++;
  return TRUE;
}

/* Ends an attempt that pd_portal_server_sign_in_begin() let through. */
void
pd_portal_server_sign_in_end (PdPortalServer *self,
                              const char     *user,
                              const char     *address,
                              gboolean        success)
{
  FailureRecord *record = touch_record (self, user, address);

  g_assert (self->sign_ins_in_flight > 0);
  self->sign_ins_in_flight--;
  if (record->in_flight > 0)
    record->in_flight--;
  if (success)
    forget_record (self, record);
  else
    record->failures++;
}

/* At most PD_PORTAL_SIGN_IN_MAX_HASHING password hashes run at once; the others wait
 * here in order, so a burst of sign-ins cannot take every core. */
void
pd_portal_server_run_hash (PdPortalServer  *self,
                           GTask           *task,
                           GTaskThreadFunc  func)
{
  if (self->hashing >= PD_PORTAL_SIGN_IN_MAX_HASHING)
    {
      g_object_set_data (G_OBJECT (task), "pd-hash-func", func);
      g_queue_push_tail (&self->waiting_hashes, g_object_ref (task));
      return;
    }
  self->hashing++;
  g_task_run_in_thread (task, func);
}

/* Called when a hash started by pd_portal_server_run_hash() has returned. */
void
pd_portal_server_hash_done (PdPortalServer *self)
{
  g_autoptr(GTask) next = NULL;

  g_assert (self->hashing > 0);
  self->hashing--;
  next = g_queue_pop_head (&self->waiting_hashes);
  if (next != NULL)
    pd_portal_server_run_hash (self, next, g_object_get_data (G_OBJECT (next), "pd-hash-func"));
}

/* ---- signers ------------------------------------------------------------------- */

char *
pd_portal_server_sign_code (PdPortalServer  *self,
                            const char      *case_json,
                            GError         **error)
{
  if (self->code_signer == NULL)
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_SIGNER,
                           "No permit code signer is configured on this portal.");
      return NULL;
    }
  return self->code_signer (case_json, self->code_signer_data, error);
}

static JsonObject *
trust_data (PdPortalServer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);
  g_autofree char *issued_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *next_update = g_date_time_format (next, "%Y-%m-%dT%H:%M:%SZ");
  JsonObject *data = json_object_new ();
  JsonArray *certificates = json_array_new ();
  JsonArray *crls = json_array_new ();

  json_object_set_string_member (data, "issued_at", issued_at);
  json_object_set_string_member (data, "next_update", next_update);
  for (guint i = 0; i < self->trust_items->len; i++)
    {
      TrustItem *item = g_ptr_array_index (self->trust_items, i);
      gsize len;
      const guint8 *der = g_bytes_get_data (item->der, &len);
      g_autofree char *b64 = g_base64_encode (der, len);

      if (g_str_equal (item->usage, "crl"))
        json_array_add_string_element (crls, b64);
      else
        {
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "usage", item->usage);
          json_object_set_string_member (entry, "der", b64);
          json_array_add_object_element (certificates, entry);
        }
    }
  json_object_set_array_member (data, "certificates", certificates);
  json_object_set_array_member (data, "crls", crls);
  return data;
}

JsonNode *
pd_portal_server_build_trust_list (PdPortalServer  *self,
                                   GError         **error)
{
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(JsonNode) data_node = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *payload_b64 = NULL;
  g_autofree char *signature = NULL;
  JsonObject *envelope;

  if (self->trust_signer == NULL)
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_SIGNER,
                           "No trust list signer is configured on this portal.");
      return NULL;
    }
  data = trust_data (self);
  data_node = json_node_init_object (json_node_alloc (), data);
  payload = json_to_string (data_node, FALSE);
  signature = self->trust_signer ((const guint8 *) payload, strlen (payload),
                                  self->trust_signer_data, error);
  if (signature == NULL)
    return NULL;
  payload_b64 = pd_portal_base64url ((const guint8 *) payload, strlen (payload));
  envelope = json_object_new ();
  json_object_set_string_member (envelope, "payload", payload_b64);
  json_object_set_string_member (envelope, "alg", "ES256");
  json_object_set_string_member (envelope, "signature", signature);
  return json_node_init_object (json_node_alloc (), envelope);
}

/* ---- object -------------------------------------------------------------------- */

static void
pd_portal_server_finalize (GObject *object)
{
  PdPortalServer *self = (PdPortalServer *) object;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->db, pd_portal_db_free);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_queue_clear (&self->failure_order);
  g_queue_clear_full (&self->waiting_hashes, g_object_unref);
  g_clear_pointer (&self->trust_items, g_ptr_array_unref);
  if (self->code_signer_destroy != NULL)
    self->code_signer_destroy (self->code_signer_data);
  if (self->trust_signer_destroy != NULL)
    self->trust_signer_destroy (self->trust_signer_data);
  g_clear_pointer (&self->signer_der, g_bytes_unref);
  g_clear_pointer (&self->rules_dir, g_free);

  G_OBJECT_CLASS (pd_portal_server_parent_class)->finalize (object);
}

static void
pd_portal_server_class_init (PdPortalServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_portal_server_finalize;
}

static void
pd_portal_server_init (PdPortalServer *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) failure_record_free);
  self->trust_items = g_ptr_array_new_with_free_func ((GDestroyNotify) trust_item_free);
  self->token_lifetime = 8 * 3600;
  self->online_token_lifetime = 60;
}

/* Opens (or creates) portal.sqlite in @data_dir, which is created 0700. */
PdPortalServer *
pd_portal_server_new (const char  *data_dir,
                      GError     **error)
{
  g_autoptr(PdPortalServer) self = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      g_set_error (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
                   "cannot create %s: %s", data_dir, g_strerror (errno));
      return NULL;
    }
  self = g_object_new (PD_TYPE_PORTAL_SERVER, NULL);
  path = g_build_filename (data_dir, "portal.sqlite", NULL);
  self->db = pd_portal_db_open (path, error);
  if (self->db == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Seeds the demo data once: a database that already has users is left alone. */
gboolean
pd_portal_server_seed_demo (PdPortalServer  *self,
                            GError         **error)
{
  g_return_val_if_fail (PD_IS_PORTAL_SERVER (self), FALSE);

  if (!pd_portal_db_is_empty (self->db))
    return TRUE;
  return pd_portal_seed_demo (self->db, error);
}

static gboolean
parse_fault (const char  *item,
             Fault      **out,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (item, ":", 3);
  g_autoptr(Fault) fault = g_new0 (Fault, 1);
  guint n_parts = g_strv_length (parts);
  guint next = 1;
  guint64 ms = 0;
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (n_parts > 0 && g_str_equal (parts[0], fault_names[i]))
      {
        fault->kind = (FaultKind) i;
        known = TRUE;
      }
  if (!known)
    goto invalid;
  if (fault->kind == FAULT_DELAY)
    {
      if (n_parts < 2 || !g_ascii_string_to_unsigned (parts[1], 10, 1, 600000, &ms, NULL))
        goto invalid;
      fault->delay_ms = (guint) ms;
      next = 2;
    }
  if (n_parts > next + 1 || (n_parts == next + 1 && parts[next][0] != '/'))
    goto invalid;
  if (n_parts == next + 1)
    fault->prefix = g_strdup (parts[next]);
  *out = g_steal_pointer (&fault);
  return TRUE;

invalid:
  g_set_error (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_FAULTS,
               "unknown fault “%s”: use delay:MS[:/PATH], status500[:/PATH], truncate, "
               "garbage, oversized or wrongtype (each [:/PATH])", item);
  return FALSE;
}

/* @spec: comma-separated faults as in docs/portal-api.md, “Fault injection”; NULL or
 * empty clears them. */
gboolean
pd_portal_server_set_faults (PdPortalServer  *self,
                             const char      *spec,
                             GError         **error)
{
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (PD_IS_PORTAL_SERVER (self), FALSE);

  items = g_strsplit (spec != NULL ? spec : "", ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      Fault *fault = NULL;

      g_strstrip (items[i]);
      if (*items[i] == '\0')
        continue;
      if (!parse_fault (items[i], &fault, error))
        return FALSE;
      g_ptr_array_add (faults, fault);
    }
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  self->faults = g_steal_pointer (&faults);
  return TRUE;
}

void
pd_portal_server_set_token_lifetime (PdPortalServer *self,
                                     guint           seconds)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->token_lifetime = seconds;
}

void
pd_portal_server_set_online_token_lifetime (PdPortalServer *self,
                                            guint           seconds)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->online_token_lifetime = seconds;
}

void
pd_portal_server_set_code_signer (PdPortalServer     *self,
                                  PdPortalCodeSigner  signer,
                                  gpointer            user_data,
                                  GDestroyNotify      destroy)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));

  if (self->code_signer_destroy != NULL)
    self->code_signer_destroy (self->code_signer_data);
  self->code_signer = signer;
  self->code_signer_data = user_data;
  self->code_signer_destroy = destroy;
}

void
pd_portal_server_set_trust_signer (PdPortalServer      *self,
                                   PdPortalTrustSigner  signer,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));

  if (self->trust_signer_destroy != NULL)
    self->trust_signer_destroy (self->trust_signer_data);
  self->trust_signer = signer;
  self->trust_signer_data = user_data;
  self->trust_signer_destroy = destroy;
}

/* The certificate of the key the trust signer uses: rule sets name it in their signature. */
void
pd_portal_server_set_signer_certificate (PdPortalServer *self,
                                         GBytes         *der)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));

  g_clear_pointer (&self->signer_der, g_bytes_unref);
  self->signer_der = der != NULL ? g_bytes_ref (der) : NULL;
}

GBytes *
pd_portal_server_get_signer_certificate (PdPortalServer *self)
{
  return self->signer_der;
}

/* @dir: (nullable): the folder of rule set files GET /api/v1/rules serves the newest of. */
void
pd_portal_server_set_rules_dir (PdPortalServer *self,
                                const char     *dir)
{
  g_return_if_fail (PD_IS_PORTAL_SERVER (self));

  g_free (self->rules_dir);
  self->rules_dir = g_strdup (dir);
}

const char *
pd_portal_server_get_rules_dir (PdPortalServer *self)
{
  return self->rules_dir;
}

/* Signs @payload with the trust list's signer: base64url raw r‖s. */
char *
pd_portal_server_sign_payload (PdPortalServer  *self,
                               GBytes          *payload,
                               GError         **error)
{
  if (self->trust_signer == NULL || self->signer_der == NULL)
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_SIGNER,
                           "No signer is configured on this portal.");
      return NULL;
    }
  return self->trust_signer (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                             self->trust_signer_data, error);
}

/* @usage: "ca", "signer" or "crl"; @der: the DER certificate or CRL. */
void
pd_portal_server_add_trust_item (PdPortalServer *self,
                                 const char     *usage,
                                 GBytes         *der)
{
  TrustItem *item;

  g_return_if_fail (PD_IS_PORTAL_SERVER (self));
  g_return_if_fail (g_strcmp0 (usage, "ca") == 0 || g_strcmp0 (usage, "signer") == 0 ||
                    g_strcmp0 (usage, "crl") == 0);
  g_return_if_fail (der != NULL);

  item = g_new0 (TrustItem, 1);
  item->usage = g_strdup (usage);
  item->der = g_bytes_ref (der);
  g_ptr_array_add (self->trust_items, item);
}

/* @address: “HOST:PORT”, port 0 picks a free one. Serves HTTPS when @tls_certificate is
 * given. Runs on the thread-default main context of the caller. */
gboolean
pd_portal_server_listen (PdPortalServer   *self,
                         const char       *address,
                         GTlsCertificate  *tls_certificate,
                         GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autofree char *server_header = g_strdup_printf ("permitdesk-portal/%s ", PACKAGE_VERSION);

  g_return_val_if_fail (PD_IS_PORTAL_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return FALSE;
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    return FALSE;

  self->soup = soup_server_new ("server-header", server_header,
                                "tls-certificate", tls_certificate, NULL);
  self->tls = tls_certificate != NULL;
  /* libsoup keeps one entry per path for both kinds of handler and picks the longest
   * match, so the early handler goes on both paths to see every request. */
  soup_server_add_early_handler (self->soup, "/api/v1", on_early_request_cb, self, NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (self->soup, "/api/v1", on_api_request_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_other_request_cb, self, NULL);

  /* GSocket's default backlog (10) resets connections when many clients arrive at
   * once; the socket is made here to give it a real one. */
  socket = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, 256);
  if (!g_socket_bind (socket, socket_address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket,
                                    self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

/* The base URL clients use, e.g. http://127.0.0.1:41234 (no trailing slash). */
char *
pd_portal_server_get_url (PdPortalServer *self)
{
  g_autoslist(GUri) uris = NULL;
  GUri *uri;

  g_return_val_if_fail (PD_IS_PORTAL_SERVER (self), NULL);
  g_return_val_if_fail (self->soup != NULL, NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  uri = uris->data;
  return g_strdup_printf ("%s://%s:%d", self->tls ? "https" : "http",
                          g_uri_get_host (uri), g_uri_get_port (uri));
}

PdPortalDb *
pd_portal_server_get_db (PdPortalServer *self)
{
  return self->db;
}

guint
pd_portal_server_get_token_lifetime (PdPortalServer *self)
{
  return self->token_lifetime;
}

guint
pd_portal_server_get_online_token_lifetime (PdPortalServer *self)
{
  return self->online_token_lifetime;
}
