/* pd-portal-client.c: one SoupSession talking to the portal, and the session token
 *
 * Every answer is read with a size limit and checked before use; every failure becomes
 * a PD_PORTAL_ERROR a user can act on. An expired session is renewed once, silently,
 * when the password function can give the password.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-portal-client-private.h"

struct _PdPortalClient
{
  GObject               parent_instance;

  SoupSession          *session;
  PdCredentials        *credentials;
  char                 *base_url;
  char                 *tls_ca_file;
  GError               *tls_ca_error;
  guint                 timeout;

  char                 *user;
  char                 *token;
  char                 *role;
  char                 *employer_id;

  PdPortalPasswordFunc  password_func;
  gpointer              password_data;
  GDestroyNotify        password_destroy;
};

G_DEFINE_TYPE (PdPortalClient, pd_portal_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_TLS_CA_FILE,
  PROP_USER,
  PROP_ROLE,
  PROP_SIGNED_IN,
  PROP_TOKEN_IN_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  PdPortalCall *call;
  SoupMessage  *message;
  GByteArray   *buffer;
  GCancellable *cancellable;       /* cancelled by the caller or the deadline */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         deadline_id;
  gboolean      timed_out;
} CallState;

static void start_call (GTask *task);

/* ---- calls and responses ------------------------------------------------------- */

PdPortalCall *
pd_portal_call_new (const char *method,
                    const char *path)
{
  PdPortalCall *call = g_new0 (PdPortalCall, 1);

  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  call->limit = PD_PORTAL_JSON_RESPONSE_LIMIT;
  return call;
}

void
pd_portal_call_set_json (PdPortalCall *call,
                         JsonObject   *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  char *text = json_to_string (node, FALSE);

  g_clear_pointer (&call->body, g_bytes_unref);
  call->body = g_bytes_new_take (text, strlen (text));
  g_free (call->content_type);
  call->content_type = g_strdup ("application/json");
}

void
pd_portal_call_free (PdPortalCall *call)
{
  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->content_type);
  g_clear_pointer (&call->headers, soup_message_headers_unref);
  g_free (call);
}

void
pd_portal_response_free (PdPortalResponse *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->problem, pd_problem_free);
  g_free (response);
}

static void
disarm_deadline (CallState *state)
{
  g_clear_handle_id (&state->deadline_id, g_source_remove);
  if (state->caller_handler != 0)
    g_cancellable_disconnect (state->caller_cancellable, state->caller_handler);
  state->caller_handler = 0;
  g_clear_object (&state->caller_cancellable);
  g_clear_object (&state->cancellable);
}

static void
call_state_free (CallState *state)
{
  disarm_deadline (state);
  g_clear_pointer (&state->call, pd_portal_call_free);
  g_clear_object (&state->message);
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  g_free (state);
}

GError *
pd_portal_invalid_response (const char *reason)
{
  g_debug ("invalid response: %s", reason);
  return g_error_new (PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE,
                      _("The portal sent an answer PermitDesk cannot use (%s). Try again later; "
                        "if it persists, tell the portal operator."), reason);
}

/* Turns an HTTP error status into a PD_PORTAL_ERROR. */
gboolean
pd_portal_response_check (PdPortalResponse  *response,
                          GError           **error)
{
  if (response->status >= 200 && response->status < 300)
    return TRUE;
  if (response->status < 200 || response->status >= 600 ||
      (response->status >= 300 && response->status < 400))
    {
      g_propagate_error (error, pd_portal_invalid_response ("unexpected HTTP status"));
      return FALSE;
    }
  g_propagate_error (error, pd_problem_to_error (response->problem, response->status));
  return FALSE;
}

/* The JSON object of a successful answer. */
JsonObject *
pd_portal_response_object (PdPortalResponse  *response,
                           GError           **error)
{
  if (!pd_portal_response_check (response, error))
    return NULL;
  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    {
      g_propagate_error (error, pd_portal_invalid_response ("not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (response->json));
}

/* ---- the engine ---------------------------------------------------------------- */

static GError *
map_transport_error (PdPortalClient *self,
                     CallState      *state,
                     GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !state->timed_out)
    return g_error_copy (error);
  if (state->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (PD_PORTAL_ERROR, PD_PORTAL_ERROR_TIMEOUT,
                        _("The portal did not answer within %u seconds. Check the network or try again later."),
                        self->timeout);
  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (PD_PORTAL_ERROR, PD_PORTAL_ERROR_TLS,
                                _("The portal’s certificate is not trusted, so PermitDesk did not connect. "
                                  "For a private portal, choose its certificate file in Preferences."));
  if (error->domain == SOUP_SESSION_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    return pd_portal_invalid_response ("broken HTTP message");
  g_debug ("portal unreachable: %s", error->message);
  return g_error_new_literal (PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE,
                              _("The portal cannot be reached. Check the network connection and the portal address in Preferences."));
}

static gboolean
is_json_type (SoupMessage *message)
{
  const char *type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (message), NULL);

  return g_strcmp0 (type, "application/json") == 0 ||
         g_strcmp0 (type, "application/problem+json") == 0;
}

static void
finish_call (GTask *task)
{
  CallState *state = g_task_get_task_data (task);
  g_autoptr(PdPortalResponse) response = g_new0 (PdPortalResponse, 1);
  g_autoptr(GError) error = NULL;

  response->status = soup_message_get_status (state->message);
  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&state->buffer));
  if (is_json_type (state->message))
    {
      gsize len;
      const char *data = g_bytes_get_data (response->body, &len);

      response->json = pd_portal_json_parse (data, len, &error);
      if (response->json == NULL && response->status < 400)
        {
          g_task_return_error (task, pd_portal_invalid_response (error->message));
          return;
        }
    }
  if (response->status >= 400)
    response->problem = pd_problem_parse (response->json, response->status);
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) pd_portal_response_free);
}

static void
on_sign_in_for_retry_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_portal_client_sign_in_finish (PD_PORTAL_CLIENT (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  start_call (g_steal_pointer (&task));
}

/* TRUE when the call was restarted after signing in again. */
static gboolean
maybe_sign_in_again (GTask *task)
{
  PdPortalClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(PdProblem) problem = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *password = NULL;
  gsize len;
  const char *data;

  if (soup_message_get_status (state->message) != 401 || state->call->anonymous ||
      state->call->retried || self->user == NULL || self->password_func == NULL)
    return FALSE;
  data = (const char *) state->buffer->data;
  len = state->buffer->len;
  node = pd_portal_json_parse (data, len, NULL);
  problem = pd_problem_parse (node, 401);
  if (!pd_problem_is (problem, PD_PROBLEM_TOKEN_EXPIRED))
    return FALSE;
  password = self->password_func (self->base_url, self->user, self->password_data);
  if (password == NULL)
    return FALSE;

  state->call->retried = TRUE;
  g_clear_pointer (&state->buffer, g_byte_array_unref);
  g_clear_object (&state->message);
  pd_portal_client_sign_in_async (self, self->user, password, g_task_get_cancellable (task),
                                  on_sign_in_for_retry_cb, g_object_ref (task));
  explicit_bzero (password, strlen (password));
  return TRUE;
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdPortalClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  GInputStream *stream = G_INPUT_STREAM (source);

  chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, map_transport_error (self, state, error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      if (!maybe_sign_in_again (task))
        finish_call (task);
      return;
    }
  if (state->buffer->len + g_bytes_get_size (chunk) > state->call->limit)
    {
      g_task_return_error (task, pd_portal_invalid_response ("the answer is too large"));
      return;
    }
  g_byte_array_append (state->buffer, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   state->cancellable, on_read_cb, g_object_ref (task));
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdPortalClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, map_transport_error (self, state, error));
      return;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (state->message));
  if (length > (goffset) state->call->limit)
    {
      g_task_return_error (task, pd_portal_invalid_response ("the answer is too large"));
      return;
    }
  state->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (stream, 64 * 1024, G_PRIORITY_DEFAULT,
                                   state->cancellable, on_read_cb, g_steal_pointer (&task));
}

static void
on_caller_cancelled_cb (GCancellable *caller,
                        gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  CallState *state = user_data;

  state->deadline_id = 0;
  state->timed_out = TRUE;
  g_cancellable_cancel (state->cancellable);
  return G_SOURCE_REMOVE;
}

/* One deadline for the whole exchange, sending and reading: the session's own timeout
 * only covers connections made after it was set. */
static void
arm_deadline (PdPortalClient *self,
              CallState      *state,
              GCancellable   *caller)
{
  disarm_deadline (state);
  state->timed_out = FALSE;
  state->cancellable = g_cancellable_new ();
  if (caller != NULL)
    {
      state->caller_cancellable = g_object_ref (caller);
      state->caller_handler = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled_cb),
                                                     g_object_ref (state->cancellable),
                                                     g_object_unref);
    }
  state->deadline_id = g_timeout_add (self->timeout * 1000, on_deadline_cb, state);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_replace (user_data, name, value);
}

static void
start_call (GTask *task)
{
  PdPortalClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autofree char *url = g_strconcat (self->base_url, state->call->path, NULL);
  SoupMessageHeaders *headers;

  if (self->tls_ca_error != NULL)
    {
      g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TLS,
                               _("The portal certificate file cannot be used (%s). Choose a PEM certificate file in Preferences."),
                               self->tls_ca_error->message);
      g_object_unref (task);
      return;
    }
  state->message = soup_message_new (state->call->method, url);
  if (state->message == NULL)
    {
      g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE,
                               _("The portal address is not a valid web address. Correct it in Preferences."));
      g_object_unref (task);
      return;
    }
  /* A redirect would resend the Authorization header (or a password) to wherever the
   * portal, or someone between, points; the API never redirects, so a 3xx is refused. */
  soup_message_add_flags (state->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (state->message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  soup_message_headers_foreach (state->call->headers, copy_header_cb, headers);
  if (!state->call->anonymous && self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }
  if (state->call->body != NULL)
    soup_message_set_request_body_from_bytes (state->message, state->call->content_type,
                                              state->call->body);
  arm_deadline (self, state, g_task_get_cancellable (task));
  soup_session_send_async (self->session, state->message, G_PRIORITY_DEFAULT,
                           state->cancellable, on_sent_cb, task);
}

/* Takes @call. Completes with the response for any HTTP status (see
 * pd_portal_response_check()), or an error when no usable answer came. */
void
pd_portal_client_call_async (PdPortalClient      *self,
                             PdPortalCall        *call,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CallState *state = g_new0 (CallState, 1);

  state->call = call;
  g_task_set_source_tag (task, pd_portal_client_call_async);
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  if (!call->anonymous && self->token == NULL)
    {
      g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_SIGNED_IN,
                               _("PermitDesk is not signed in to the portal. Sign in from Preferences."));
      g_object_unref (task);
      return;
    }
  start_call (task);
}

PdPortalResponse *
pd_portal_client_call_finish (PdPortalClient  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- sessions ------------------------------------------------------------------ */

static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_session (PdPortalClient *self,
             const char     *user,
             const char     *token,
             const char     *role,
             const char     *employer_id)
{
  gboolean was_signed_in = self->token != NULL;

  if (replace_str (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  replace_str (&self->token, token);
  if (replace_str (&self->role, role))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  replace_str (&self->employer_id, employer_id);
  if (was_signed_in != (self->token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

static gboolean
valid_session_reply (JsonObject  *reply,
                     const char **token,
                     const char **role,
                     const char **employer_id)
{
  static const char * const roles[] = { "officer", "hr", "applicant", NULL };
  const char *expires_at;

  return pd_portal_get_string (reply, "token", FALSE, token, NULL) &&
         strlen (*token) >= 16 && strlen (*token) <= 200 && pd_portal_is_id (*token) &&
         pd_portal_get_string (reply, "expires_at", FALSE, &expires_at, NULL) &&
         pd_portal_is_rfc3339 (expires_at) &&
         pd_portal_get_string (reply, "role", FALSE, role, NULL) && g_strv_contains (roles, *role) &&
         pd_portal_get_string (reply, "employer_id", TRUE, employer_id, NULL) &&
         (*employer_id == NULL || pd_portal_is_id (*employer_id));
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Still signed in for this run when no place would keep the token. */
  if (!pd_credentials_store_finish (PD_CREDENTIALS (source), result, &error))
    g_warning ("The portal session could not be kept: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (g_task_get_source_object (task)), properties[PROP_TOKEN_IN_FILE]);
  g_task_return_boolean (task, TRUE);
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  PdPortalClient *self = PD_PORTAL_CLIENT (source);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *token, *role, *employer_id;
  const char *user = g_task_get_task_data (task);

  response = pd_portal_client_call_finish (self, result, &error);
  if (response != NULL)
    reply = pd_portal_response_object (response, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!valid_session_reply (reply, &token, &role, &employer_id))
    {
      g_task_return_error (task, pd_portal_invalid_response ("session"));
      return;
    }
  set_session (self, user, token, role, employer_id);
  pd_credentials_store_async (self->credentials, self->base_url, user, token,
                              cancellable, on_token_stored_cb,
                              g_steal_pointer (&task));
}

void
pd_portal_client_sign_in_async (PdPortalClient      *self,
                                const char          *user,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  PdPortalCall *call = pd_portal_call_new ("POST", "/api/v1/session");

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (user != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_sign_in_async);
  g_task_set_task_data (task, g_strdup (user), g_free);
  json_object_set_string_member (body, "user", user);
  json_object_set_string_member (body, "password", password);
  pd_portal_call_set_json (call, body);
  call->anonymous = TRUE;
  pd_portal_client_call_async (self, call, cancellable, on_signed_in_cb, g_steal_pointer (&task));
}

gboolean
pd_portal_client_sign_in_finish (PdPortalClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_token_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdPortalClient *self = g_task_get_source_object (task);
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  token = pd_credentials_lookup_finish (PD_CREDENTIALS (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token != NULL)
    {
      set_session (self, g_task_get_task_data (task), token, NULL, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_IN_FILE]);
    }
  g_task_return_boolean (task, token != NULL);
}

/* Takes up the token kept from an earlier run, without asking the portal. Completes
 * with FALSE when none is kept. The role is known again after the next sign-in. */
void
pd_portal_client_restore_session_async (PdPortalClient      *self,
                                        const char          *user,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (user != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_restore_session_async);
  g_task_set_task_data (task, g_strdup (user), g_free);
  pd_credentials_lookup_async (self->credentials, self->base_url, user, cancellable,
                               on_token_found_cb, task);
}

gboolean
pd_portal_client_restore_session_finish (PdPortalClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_token_cleared_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!pd_credentials_clear_finish (PD_CREDENTIALS (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_session_deleted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  PdPortalClient *self = PD_PORTAL_CLIENT (source);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_strdup (self->user);

  /* Signed out locally whatever the portal says: the token is forgotten either way. */
  response = pd_portal_client_call_finish (self, result, &error);
  if (response == NULL)
    g_debug ("sign-out not confirmed by the portal: %s", error->message);
  set_session (self, NULL, NULL, NULL, NULL);
  if (user == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  pd_credentials_clear_async (self->credentials, self->base_url, user,
                              cancellable, on_token_cleared_cb,
                              g_steal_pointer (&task));
}

void
pd_portal_client_sign_out_async (PdPortalClient      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_sign_out_async);
  if (self->token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  pd_portal_client_call_async (self, pd_portal_call_new ("DELETE", "/api/v1/session"),
                               cancellable, on_session_deleted_cb, task);
}

gboolean
pd_portal_client_sign_out_finish (PdPortalClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- object -------------------------------------------------------------------- */

static void
pd_portal_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdPortalClient *self = PD_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, self->tls_ca_file);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;
    case PROP_TOKEN_IN_FILE:
      g_value_set_boolean (value, pd_portal_client_get_token_in_file (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_portal_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PdPortalClient *self = PD_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      pd_portal_client_set_base_url (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      pd_portal_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TLS_CA_FILE:
      pd_portal_client_set_tls_ca_file (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_portal_client_finalize (GObject *object)
{
  PdPortalClient *self = PD_PORTAL_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->tls_ca_file, g_free);
  g_clear_error (&self->tls_ca_error);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->employer_id, g_free);
  if (self->password_destroy != NULL)
    self->password_destroy (self->password_data);

  G_OBJECT_CLASS (pd_portal_client_parent_class)->finalize (object);
}

static void
pd_portal_client_class_init (PdPortalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pd_portal_client_get_property;
  object_class->set_property = pd_portal_client_set_property;
  object_class->finalize = pd_portal_client_finalize;

  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, rw);
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 1, 600, 30, rw);
  properties[PROP_TLS_CA_FILE] = g_param_spec_string ("tls-ca-file", NULL, NULL, NULL, rw);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, ro);
  properties[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE, ro);
  /**
   * PdPortalClient:token-in-file:
   *
   * TRUE when no keyring answered and the session token is kept in a private file in
   * the data folder instead; the UI says so.
   */
  properties[PROP_TOKEN_IN_FILE] = g_param_spec_boolean ("token-in-file", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_portal_client_init (PdPortalClient *self)
{
  g_autofree char *agent = g_strconcat ("PermitDesk/", PACKAGE_VERSION, NULL);

  self->timeout = 30;
  self->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 4,
                                                 NULL);
}

/* @credentials: where tokens are kept; NULL uses the keyring with the file fallback. */
PdPortalClient *
pd_portal_client_new (const char    *base_url,
                      PdCredentials *credentials)
{
  PdPortalClient *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (credentials == NULL || PD_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (PD_TYPE_PORTAL_CLIENT, "base-url", base_url, NULL);
  self->credentials = credentials != NULL ? g_object_ref (credentials) : pd_credentials_new (TRUE);
  return self;
}

const char *
pd_portal_client_get_base_url (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);

  return self->base_url;
}

/* A token belongs to one portal: changing the address signs out locally. */
void
pd_portal_client_set_base_url (PdPortalClient *self,
                               const char     *base_url)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  trimmed = g_strdup (base_url != NULL ? base_url : "");
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  if (!replace_str (&self->base_url, trimmed))
    return;
  set_session (self, NULL, NULL, NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

guint
pd_portal_client_get_timeout (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), 0);

  return self->timeout;
}

/* @seconds: how long to wait for the portal at any step of a request. */
void
pd_portal_client_set_timeout (PdPortalClient *self,
                              guint           seconds)
{
  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const char *
pd_portal_client_get_tls_ca_file (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);

  return self->tls_ca_file;
}

/* @path: PEM file of the CA that signed a private portal's certificate, which is then
 * the only one trusted; NULL trusts the system's CAs. A file that cannot be read makes
 * every request fail with PD_PORTAL_ERROR_TLS. */
void
pd_portal_client_set_tls_ca_file (PdPortalClient *self,
                                  const char     *path)
{
  g_autoptr(GTlsDatabase) database = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  if (path != NULL && *path == '\0')
    path = NULL;
  if (!replace_str (&self->tls_ca_file, path))
    return;
  g_clear_error (&self->tls_ca_error);
  if (path != NULL)
    database = g_tls_file_database_new (path, &self->tls_ca_error);
  if (path == NULL || database != NULL)
    soup_session_set_tls_database (self->session, database);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_CA_FILE]);
}

const char *
pd_portal_client_get_user (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);

  return self->user;
}

const char *
pd_portal_client_get_role (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);

  return self->role;
}

const char *
pd_portal_client_get_employer_id (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);

  return self->employer_id;
}

gboolean
pd_portal_client_get_signed_in (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), FALSE);

  return self->token != NULL;
}

gboolean
pd_portal_client_get_token_in_file (PdPortalClient *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), FALSE);

  return self->credentials != NULL && pd_credentials_get_using_fallback (self->credentials);
}

/* @func gives the password for a silent new sign-in when the session expired. */
void
pd_portal_client_set_password_func (PdPortalClient       *self,
                                     PdPortalPasswordFunc  func,
                                     gpointer              user_data,
                                     GDestroyNotify        destroy)
{
  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  if (self->password_destroy != NULL)
    self->password_destroy (self->password_data);
  self->password_func = func;
  self->password_data = user_data;
  self->password_destroy = destroy;
}
