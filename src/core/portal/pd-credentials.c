/* pd-credentials.c: where portal session tokens are kept (keyring, or a private file)
 *
 * The keyring (Secret Service, through libsecret) is used when one answers. When none
 * runs — a bare session, a kiosk, a container — the token goes to a 0600 file in the
 * data folder instead (a keyring that runs but refuses is an error, not a reason), and using-fallback tells the UI so it can say where the token is.
 * libsecret's calls block, so they run on worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "pd-core.h"
#include "pd-credentials.h"

typedef enum {
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} OpKind;

typedef struct {
  OpKind    kind;
  char     *portal_url;
  char     *user;
  char     *token;
  gboolean  used_fallback;
} Op;

struct _PdCredentials
{
  GObject   parent_instance;

  GMutex    file_lock;
  gboolean  use_keyring;
  gboolean  using_fallback;
};

G_DEFINE_TYPE (PdCredentials, pd_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USING_FALLBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "org.example.PermitDesk.Token", SECRET_SCHEMA_NONE,
    {
      { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
op_free (Op *op)
{
  g_free (op->portal_url);
  g_free (op->user);
  g_free (op->token);
  g_free (op);
}

char *
pd_credentials_get_fallback_path (PdCredentials *self)
{
  g_return_val_if_fail (PD_IS_CREDENTIALS (self), NULL);

  return g_build_filename (pd_core_get_data_dir (), "portal-tokens.json", NULL);
}

/* ---- the fallback file (called with file_lock held) ---------------------------- */

static JsonObject *
read_file (PdCredentials *self)
{
  g_autofree char *path = pd_credentials_get_fallback_path (self);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;

  if (g_file_get_contents (path, &contents, &len, NULL) &&
      json_parser_load_from_data (parser, contents, (gssize) len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return json_object_new ();
}

static gboolean
write_file (PdCredentials  *self,
            JsonObject     *tokens,
            GError        **error)
{
  g_autofree char *path = pd_credentials_get_fallback_path (self);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), tokens);
  g_autofree char *text = json_to_string (node, TRUE);

  if (!pd_core_ensure_data_dir (error))
    return FALSE;
  return pd_core_write_private_file (path, text, strlen (text), error);
}

static char *
file_key (Op *op)
{
  return g_strconcat (op->portal_url, " ", op->user, NULL);
}

static gboolean
remove_from_file (PdCredentials  *self,
                  JsonObject     *tokens,
                  const char     *key,
                  GError        **error)
{
  if (!json_object_has_member (tokens, key))
    return TRUE;
  json_object_remove_member (tokens, key);
  return write_file (self, tokens, error);
}

/* A token stored while no keyring ran must not outlive the one now in the keyring. */
static void
forget_on_file (PdCredentials *self,
                Op            *op)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->file_lock);
  g_autoptr(JsonObject) tokens = read_file (self);
  g_autofree char *key = file_key (op);
  g_autoptr(GError) error = NULL;

  if (!remove_from_file (self, tokens, key, &error))
    g_warning ("Cannot remove an older portal session from the private file: %s", error->message);
}

static gboolean
run_on_file (PdCredentials  *self,
             Op             *op,
             char          **token,
             GError        **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->file_lock);
  g_autoptr(JsonObject) tokens = read_file (self);
  g_autofree char *key = file_key (op);

  switch (op->kind)
    {
    case OP_LOOKUP:
      if (json_object_has_member (tokens, key) &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (tokens, key)))
        *token = g_strdup (json_object_get_string_member (tokens, key));
      return TRUE;
    case OP_STORE:
      json_object_set_string_member (tokens, key, op->token);
      return write_file (self, tokens, error);
    case OP_CLEAR:
      return remove_from_file (self, tokens, key, error);
    default:
      g_assert_not_reached ();
    }
}

/* ---- the keyring --------------------------------------------------------------- */

static gboolean
run_on_keyring (Op            *op,
                GCancellable  *cancellable,
                char         **token,
                GError       **error)
{
  g_autofree char *label = NULL;

  switch (op->kind)
    {
    case OP_LOOKUP:
      *token = secret_password_lookup_sync (token_schema (), cancellable, error,
                                            "portal", op->portal_url, "user", op->user, NULL);
      return error == NULL || *error == NULL;
    case OP_STORE:
      label = g_strdup_printf ("PermitDesk portal session (%s)", op->portal_url);
      return secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label,
                                         op->token, cancellable, error,
                                         "portal", op->portal_url, "user", op->user, NULL);
    case OP_CLEAR:
      secret_password_clear_sync (token_schema (), cancellable, error,
                                  "portal", op->portal_url, "user", op->user, NULL);
      return error == NULL || *error == NULL;
    default:
      g_assert_not_reached ();
    }
}

/* G_IO_ERROR_FAILED is what GDBus says when it finds no session bus address (nothing
 * to autolaunch), but also what a keyring may say about anything: only the first
 * means there is no Secret Service. */
static gboolean
no_session_bus (void)
{
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  return address == NULL;
}

/* Only the absence of any Secret Service (no session bus, or nobody owning the name)
 * sends the token to the file. A keyring that answers with an error — locked, a prompt
 * dismissed, access refused — must not quietly push the token to disk instead. */
static gboolean
no_secret_service (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return error->code == G_DBUS_ERROR_SERVICE_UNKNOWN ||
           error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER ||
           error->code == G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND ||
           error->code == G_DBUS_ERROR_SPAWN_EXEC_FAILED;
  /* Connecting to the bus itself failed (no socket, refused, no address to autolaunch). */
  return error->domain == G_IO_ERROR &&
         (error->code == G_IO_ERROR_NOT_FOUND || error->code == G_IO_ERROR_CONNECTION_REFUSED ||
          (error->code == G_IO_ERROR_FAILED && no_session_bus ()));
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PdCredentials *self = source_object;
  Op *op = task_data;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  if (self->use_keyring && run_on_keyring (op, cancellable, &token, &keyring_error))
    {
      /* A token stored while no keyring ran is still found, and a cleared one goes
       * from both places. */
      if (op->kind == OP_STORE)
        forget_on_file (self, op);
      if (op->kind == OP_STORE || (op->kind == OP_LOOKUP && token != NULL))
        {
          g_task_return_pointer (task, token, g_free);
          return;
        }
    }
  else if (keyring_error != NULL && !no_secret_service (keyring_error))
    {
      g_debug ("keyring error: %s", keyring_error->message);
      g_task_return_new_error (task, keyring_error->domain, keyring_error->code,
                               _("The keyring did not answer (%s). Unlock the keyring, or allow "
                                 "PermitDesk to use it, and sign in again."),
                               keyring_error->message);
      return;
    }
  else if (keyring_error != NULL)
    g_debug ("no keyring, using the private file: %s", keyring_error->message);

  op->used_fallback = !self->use_keyring || keyring_error != NULL;
  if (!run_on_file (self, op, &token, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, g_free);
}

static void
start_op (PdCredentials       *self,
          OpKind               kind,
          const char          *portal_url,
          const char          *user,
          const char          *token,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->portal_url = g_strdup (portal_url);
  op->user = g_strdup (user);
  op->token = g_strdup (token);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, run_in_thread);
}

/* Runs on the caller's thread: the property changes where its listeners live. */
static char *
finish_op (PdCredentials  *self,
           GAsyncResult   *result,
           GError        **error)
{
  Op *op = g_task_get_task_data (G_TASK (result));
  char *token = g_task_propagate_pointer (G_TASK (result), error);

  if ((op->kind == OP_STORE || op->kind == OP_LOOKUP) && self->using_fallback != op->used_fallback &&
      (op->kind == OP_STORE || token != NULL))
    {
      self->using_fallback = op->used_fallback;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USING_FALLBACK]);
    }
  return token;
}

static void
pd_credentials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdCredentials *self = PD_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_USING_FALLBACK:
      g_value_set_boolean (value, self->using_fallback);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_credentials_finalize (GObject *object)
{
  PdCredentials *self = PD_CREDENTIALS (object);

  g_mutex_clear (&self->file_lock);
  G_OBJECT_CLASS (pd_credentials_parent_class)->finalize (object);
}

static void
pd_credentials_class_init (PdCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pd_credentials_get_property;
  object_class->finalize = pd_credentials_finalize;

  /**
   * PdCredentials:using-fallback:
   *
   * Whether the last token was kept in the private file because no keyring answered.
   */
  properties[PROP_USING_FALLBACK] =
    g_param_spec_boolean ("using-fallback", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_credentials_init (PdCredentials *self)
{
  g_mutex_init (&self->file_lock);
}

/* @use_keyring: FALSE keeps tokens in the private file only (tests, kiosks). */
PdCredentials *
pd_credentials_new (gboolean use_keyring)
{
  PdCredentials *self = g_object_new (PD_TYPE_CREDENTIALS, NULL);

  self->use_keyring = use_keyring;
  self->using_fallback = !use_keyring;
  return self;
}

gboolean
pd_credentials_get_using_fallback (PdCredentials *self)
{
  g_return_val_if_fail (PD_IS_CREDENTIALS (self), FALSE);

  return self->using_fallback;
}

void
pd_credentials_store_async (PdCredentials       *self,
                            const char          *portal_url,
                            const char          *user,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PD_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL && user != NULL && token != NULL);

  start_op (self, OP_STORE, portal_url, user, token, pd_credentials_store_async,
            cancellable, callback, user_data);
}

gboolean
pd_credentials_store_finish (PdCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_autofree char *unused = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PD_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  unused = finish_op (self, result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
pd_credentials_lookup_async (PdCredentials       *self,
                             const char          *portal_url,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PD_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL && user != NULL);

  start_op (self, OP_LOOKUP, portal_url, user, NULL, pd_credentials_lookup_async,
            cancellable, callback, user_data);
}

/* Returns NULL without an error when no token is kept. */
char *
pd_credentials_lookup_finish (PdCredentials  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (PD_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return finish_op (self, result, error);
}

void
pd_credentials_clear_async (PdCredentials       *self,
                            const char          *portal_url,
                            const char          *user,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PD_IS_CREDENTIALS (self));
  g_return_if_fail (portal_url != NULL && user != NULL);

  start_op (self, OP_CLEAR, portal_url, user, NULL, pd_credentials_clear_async,
            cancellable, callback, user_data);
}

gboolean
pd_credentials_clear_finish (PdCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return pd_credentials_store_finish (self, result, error);
}
