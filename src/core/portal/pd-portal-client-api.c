/* pd-portal-client-api.c: the portal's resources, documents, permits and trust list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-portal-client-private.h"

#define MAX_PAGES 100000

typedef struct {
  PdPortalKind  kind;
  JsonObject   *current;    /* the server's record after a 412 */
} ResourceOp;

static void
resource_op_free (ResourceOp *op)
{
  g_clear_pointer (&op->current, json_object_unref);
  g_free (op);
}

static char *
resource_path (PdPortalKind  kind,
               const char   *id,
               const char   *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/api/v1/", pd_portal_kind_collection (kind), "/", escaped,
                      suffix != NULL ? "/" : "", suffix, NULL);
}

static gboolean
check_local_id (GTask      *task,
                const char *id)
{
  if (pd_portal_is_id (id))
    return TRUE;
  g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND,
                           _("This record has no valid portal identifier. Synchronize and try again."));
  return FALSE;
}

/* ---- single resources ---------------------------------------------------------- */

static void
keep_current_on_conflict (ResourceOp       *op,
                          PdPortalResponse *response)
{
  JsonNode *node;

  if (response->status != 412 || response->problem == NULL || response->problem->object == NULL)
    return;
  node = json_object_get_member (response->problem->object, "current");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      pd_portal_schema_check (op->kind, json_node_get_object (node), PD_PORTAL_SCHEMA_WIRE, NULL))
    op->current = json_object_ref (json_node_get_object (node));
}

static void
on_resource_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResourceOp *op = g_task_get_task_data (task);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    {
      keep_current_on_conflict (op, response);
      if (response->status == 412 && op->current == NULL)
        {
          g_task_return_error (task, pd_portal_invalid_response ("conflict without the current record"));
          return;
        }
      object = pd_portal_response_object (response, &error);
    }
  if (object == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!pd_portal_schema_check (op->kind, object, PD_PORTAL_SCHEMA_WIRE, &error))
    g_task_return_error (task, pd_portal_invalid_response (error->message));
  else
    g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) json_object_unref);
}

static GTask *
resource_task (PdPortalClient      *self,
               PdPortalKind         kind,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ResourceOp *op = g_new0 (ResourceOp, 1);

  op->kind = kind;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) resource_op_free);
  return task;
}

static JsonObject *
resource_finish (GAsyncResult  *result,
                 JsonObject   **current,
                 GError       **error)
{
  ResourceOp *op = g_task_get_task_data (G_TASK (result));

  if (current != NULL)
    *current = op->current != NULL ? json_object_ref (op->current) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pd_portal_client_get_async (PdPortalClient      *self,
                            PdPortalKind         kind,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (kind != PD_PORTAL_KIND_PERMIT);
  g_return_if_fail (id != NULL);

  task = resource_task (self, kind, pd_portal_client_get_async, cancellable, callback, user_data);
  if (!check_local_id (task, id))
    return;
  path = resource_path (kind, id, NULL);
  pd_portal_client_call_async (self, pd_portal_call_new ("GET", path), cancellable,
                               on_resource_done_cb, g_steal_pointer (&task));
}

JsonObject *
pd_portal_client_get_finish (PdPortalClient  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return resource_finish (result, NULL, error);
}

/* @idempotency_key: the same key for the same create, however often it is sent, makes
 * one record (give it when a retry is possible, e.g. from an outbox). */
void
pd_portal_client_create_async (PdPortalClient      *self,
                               PdPortalKind         kind,
                               JsonObject          *fields,
                               const char          *idempotency_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  PdPortalCall *call;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (kind != PD_PORTAL_KIND_PERMIT);
  g_return_if_fail (fields != NULL);

  path = g_strconcat ("/api/v1/", pd_portal_kind_collection (kind), NULL);
  call = pd_portal_call_new ("POST", path);
  pd_portal_call_set_json (call, fields);
  if (idempotency_key != NULL)
    soup_message_headers_replace (call->headers, "Idempotency-Key", idempotency_key);
  pd_portal_client_call_async (self, call, cancellable, on_resource_done_cb,
                               resource_task (self, kind, pd_portal_client_create_async,
                                              cancellable, callback, user_data));
}

JsonObject *
pd_portal_client_create_finish (PdPortalClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return resource_finish (result, NULL, error);
}

static void
set_if_match (PdPortalCall *call,
              gint64        version)
{
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", version);

  soup_message_headers_replace (call->headers, "If-Match", etag);
}

/* @version: the version last read; @replace: PUT all writable members instead of
 * PATCHing the given ones. A stale @version fails with PD_PORTAL_ERROR_CONFLICT and
 * the finish function hands out the portal's current record. */
void
pd_portal_client_update_async (PdPortalClient      *self,
                               PdPortalKind         kind,
                               const char          *id,
                               gint64               version,
                               JsonObject          *fields,
                               gboolean             replace,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  PdPortalCall *call;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (kind != PD_PORTAL_KIND_PERMIT);
  g_return_if_fail (id != NULL && fields != NULL && version > 0);

  task = resource_task (self, kind, pd_portal_client_update_async, cancellable, callback, user_data);
  if (!check_local_id (task, id))
    return;
  path = resource_path (kind, id, NULL);
  call = pd_portal_call_new (replace ? "PUT" : "PATCH", path);
  pd_portal_call_set_json (call, fields);
  set_if_match (call, version);
  pd_portal_client_call_async (self, call, cancellable, on_resource_done_cb, g_steal_pointer (&task));
}

JsonObject *
pd_portal_client_update_finish (PdPortalClient  *self,
                                GAsyncResult    *result,
                                JsonObject     **current,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return resource_finish (result, current, error);
}

static void
case_action (PdPortalClient      *self,
             const char          *case_id,
             const char          *action,
             gint64               version,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = resource_task (self, PD_PORTAL_KIND_CASE, source_tag, cancellable,
                                         callback, user_data);
  g_autofree char *path = NULL;
  PdPortalCall *call;

  if (!check_local_id (task, case_id))
    return;
  path = resource_path (PD_PORTAL_KIND_CASE, case_id, action);
  call = pd_portal_call_new ("POST", path);
  if (version > 0)
    set_if_match (call, version);
  pd_portal_client_call_async (self, call, cancellable, on_resource_done_cb, g_steal_pointer (&task));
}

/* @version: 0 submits whatever the portal holds; > 0 only that version. */
void
pd_portal_client_submit_async (PdPortalClient      *self,
                               const char          *case_id,
                               gint64               version,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (case_id != NULL && version >= 0);

  case_action (self, case_id, "submit", version, pd_portal_client_submit_async,
               cancellable, callback, user_data);
}

JsonObject *
pd_portal_client_submit_finish (PdPortalClient  *self,
                                GAsyncResult    *result,
                                JsonObject     **current,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return resource_finish (result, current, error);
}

void
pd_portal_client_withdraw_async (PdPortalClient      *self,
                                 const char          *case_id,
                                 gint64               version,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (case_id != NULL && version >= 0);

  case_action (self, case_id, "withdraw", version, pd_portal_client_withdraw_async,
               cancellable, callback, user_data);
}

JsonObject *
pd_portal_client_withdraw_finish (PdPortalClient  *self,
                                  GAsyncResult    *result,
                                  JsonObject     **current,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return resource_finish (result, current, error);
}

/* ---- lists --------------------------------------------------------------------- */

typedef struct {
  PdPortalKind  kind;
  char         *updated_since;
  guint         page_size;
  GPtrArray    *items;
  char         *page_token;
  char         *sync_token;
  guint         pages;
} ListOp;

static void
list_op_free (ListOp *op)
{
  g_free (op->updated_since);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op->page_token);
  g_free (op->sync_token);
  g_free (op);
}

static gboolean
is_digits (const char *text,
           gsize       max_len)
{
  gsize len = text != NULL ? strlen (text) : 0;

  return len >= 1 && len <= max_len && strspn (text, "0123456789") == len;
}

static gboolean
is_page_token (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  return len >= 1 && len <= 400 &&
         strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~") == len;
}

static void fetch_page (GTask *task);

/* Adds a page's records to op->items; FALSE with @error when any member is wrong. */
static gboolean
take_page (ListOp      *op,
           JsonObject  *page,
           GError     **error)
{
  JsonNode *items = json_object_get_member (page, "items");
  const char *next = NULL, *sync = NULL;
  JsonArray *array;

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "member “items” is not an array");
      return FALSE;
    }
  if (!pd_portal_get_string (page, "next_page_token", TRUE, &next, error) ||
      !pd_portal_get_string (page, "sync_token", FALSE, &sync, error))
    return FALSE;
  if ((next != NULL && (!is_page_token (next) || g_strcmp0 (next, op->page_token) == 0)) ||
      !is_digits (sync, 19))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "paging members are wrong");
      return FALSE;
    }

  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !pd_portal_schema_check (op->kind, json_node_get_object (node), PD_PORTAL_SCHEMA_WIRE, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "an item is not an object");
          return FALSE;
        }
      g_ptr_array_add (op->items, json_object_ref (json_node_get_object (node)));
    }
  g_free (op->page_token);
  op->page_token = g_strdup (next);
  g_free (op->sync_token);
  op->sync_token = g_strdup (sync);
  return TRUE;
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListOp *op = g_task_get_task_data (task);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GError) error = NULL;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    page = pd_portal_response_object (response, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!take_page (op, page, &error))
    {
      g_task_return_error (task, pd_portal_invalid_response (error->message));
      return;
    }
  if (op->page_token == NULL)
    g_task_return_pointer (task, g_ptr_array_ref (op->items), (GDestroyNotify) g_ptr_array_unref);
  else if (++op->pages >= MAX_PAGES)
    g_task_return_error (task, pd_portal_invalid_response ("endless paging"));
  else
    fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  ListOp *op = g_task_get_task_data (task);
  g_autoptr(GString) path = g_string_new ("/api/v1/");

  g_string_append_printf (path, "%s?page_size=%u", pd_portal_kind_collection (op->kind), op->page_size);
  if (op->page_token != NULL)
    {
      g_string_append (path, "&page_token=");
      g_string_append_uri_escaped (path, op->page_token, NULL, FALSE);
    }
  else if (op->updated_since != NULL)
    {
      g_string_append (path, "&updated_since=");
      g_string_append_uri_escaped (path, op->updated_since, NULL, FALSE);
    }
  pd_portal_client_call_async (g_task_get_source_object (task), pd_portal_call_new ("GET", path->str),
                               g_task_get_cancellable (task), on_page_cb, task);
}

/* Fetches every page. @updated_since: NULL for everything, or the sync token of an
 * earlier list (or an RFC 3339 time); @page_size: 0 for the portal's default. */
void
pd_portal_client_list_async (PdPortalClient      *self,
                             PdPortalKind         kind,
                             const char          *updated_since,
                             guint                page_size,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  ListOp *op;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (kind != PD_PORTAL_KIND_PERMIT);
  g_return_if_fail (page_size <= 1000);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_list_async);
  op = g_new0 (ListOp, 1);
  op->kind = kind;
  op->updated_since = g_strdup (updated_since);
  op->page_size = page_size > 0 ? page_size : 100;
  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) list_op_free);
  fetch_page (task);
}

/* @sync_token: (out) (optional): pass it as updated_since next time to get only what
 * changed since. */
GPtrArray *
pd_portal_client_list_finish (PdPortalClient  *self,
                              GAsyncResult    *result,
                              char           **sync_token,
                              GError         **error)
{
  ListOp *op;
  GPtrArray *items;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  items = g_task_propagate_pointer (G_TASK (result), error);
  if (sync_token != NULL)
    *sync_token = items != NULL ? g_strdup (op->sync_token) : NULL;
  return items;
}

/* ---- documents ----------------------------------------------------------------- */

typedef struct {
  char   *case_id;
  char   *content_type;
  char   *name;
  char   *sha256;
  gsize   size;
  GFile  *destination;
} DocumentOp;

static void
document_op_free (DocumentOp *op)
{
  g_free (op->case_id);
  g_free (op->content_type);
  g_free (op->name);
  g_free (op->sha256);
  g_clear_object (&op->destination);
  g_free (op);
}

static GTask *
document_task (PdPortalClient      *self,
               const char          *case_id,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DocumentOp *op = g_new0 (DocumentOp, 1);

  op->case_id = g_strdup (case_id);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) document_op_free);
  return task;
}

static gboolean
valid_document_reply (JsonObject *reply,
                      DocumentOp *op)
{
  const char *id, *sha256;
  gint64 size;

  return pd_portal_get_string (reply, "id", FALSE, &id, NULL) && pd_portal_is_id (id) &&
         pd_portal_get_string (reply, "sha256", FALSE, &sha256, NULL) &&
         g_strcmp0 (sha256, op->sha256) == 0 &&
         pd_portal_get_int (reply, "size", 1, PD_PORTAL_UPLOAD_LIMIT, &size, NULL) &&
         (gsize) size == op->size;
}

static void
on_uploaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    reply = pd_portal_response_object (response, &error);
  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!valid_document_reply (reply, g_task_get_task_data (task)))
    g_task_return_error (task, pd_portal_invalid_response ("uploaded document"));
  else
    g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) json_object_unref);
}

static void
on_upload_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdPortalClient *client = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  DocumentOp *op = g_task_get_task_data (task);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped_name = NULL;
  g_autoptr(GError) error = NULL;
  PdPortalCall *call;
  gsize len;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &len, NULL, &error))
    {
      g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED,
                               _("The file cannot be read: %s"), error->message);
      return;
    }
  if (len == 0 || len > PD_PORTAL_UPLOAD_LIMIT)
    {
      g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED,
                               _("The portal accepts files from 1 byte to 10 MiB. Choose a smaller scan or compress it."));
      return;
    }
  op->size = len;
  op->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  escaped_name = g_uri_escape_string (op->name, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/cases/%s/documents?name=%s", op->case_id, escaped_name);
  call = pd_portal_call_new ("POST", path);
  call->body = g_bytes_new_take (g_steal_pointer (&contents), len);
  call->content_type = g_strdup (op->content_type);
  soup_message_headers_replace (call->headers, "X-Content-SHA256", op->sha256);
  pd_portal_client_call_async (client, call, cancellable, on_uploaded_cb, g_steal_pointer (&task));
}

static void
on_upload_sized_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED,
                             _("The file cannot be read: %s"), error->message);
  else if (g_file_info_get_size (info) > PD_PORTAL_UPLOAD_LIMIT)
    g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED,
                             _("The portal accepts files from 1 byte to 10 MiB. Choose a smaller scan or compress it."));
  else
    g_file_load_contents_async (G_FILE (source), cancellable,
                                on_upload_loaded_cb, g_steal_pointer (&task));
}

/* @content_type: application/pdf, image/jpeg or image/png. The file's sha256 goes
 * along and the portal checks it. */
void
pd_portal_client_upload_document_async (PdPortalClient      *self,
                                        const char          *case_id,
                                        GFile               *file,
                                        const char          *content_type,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DocumentOp *op;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (case_id != NULL && G_IS_FILE (file) && content_type != NULL);

  task = document_task (self, case_id, pd_portal_client_upload_document_async,
                        cancellable, callback, user_data);
  if (!check_local_id (task, case_id))
    return;
  op = g_task_get_task_data (task);
  op->content_type = g_strdup (content_type);
  op->name = g_file_get_basename (file);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, cancellable, on_upload_sized_cb,
                           g_steal_pointer (&task));
}

JsonObject *
pd_portal_client_upload_document_finish (PdPortalClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
valid_document (JsonObject *document)
{
  const char *id, *case_id, *name, *type, *sha256, *created_at;
  gint64 size;

  return pd_portal_get_string (document, "id", FALSE, &id, NULL) && pd_portal_is_id (id) &&
         pd_portal_get_string (document, "case_id", FALSE, &case_id, NULL) && pd_portal_is_id (case_id) &&
         pd_portal_get_string (document, "name", FALSE, &name, NULL) && g_utf8_strlen (name, -1) <= 200 &&
         pd_portal_get_string (document, "content_type", FALSE, &type, NULL) && strlen (type) <= 100 &&
         pd_portal_get_string (document, "sha256", FALSE, &sha256, NULL) && pd_portal_is_sha256_hex (sha256) &&
         pd_portal_get_string (document, "created_at", FALSE, &created_at, NULL) &&
         pd_portal_is_rfc3339 (created_at) &&
         pd_portal_get_int (document, "size", 1, PD_PORTAL_UPLOAD_LIMIT, &size, NULL);
}

static void
on_documents_listed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) error = NULL;
  JsonNode *items;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    reply = pd_portal_response_object (response, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  items = json_object_get_member (reply, "items");
  for (guint i = 0; items != NULL && JSON_NODE_HOLDS_ARRAY (items) &&
                    i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (items), i);

      if (!JSON_NODE_HOLDS_OBJECT (node) || !valid_document (json_node_get_object (node)))
        break;
      g_ptr_array_add (documents, json_object_ref (json_node_get_object (node)));
    }
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items) ||
      documents->len != json_array_get_length (json_node_get_array (items)))
    g_task_return_error (task, pd_portal_invalid_response ("document list"));
  else
    g_task_return_pointer (task, g_steal_pointer (&documents), (GDestroyNotify) g_ptr_array_unref);
}

/* The documents attached to a case: {id, case_id, name, content_type, size, sha256,
 * created_at} each. */
void
pd_portal_client_list_documents_async (PdPortalClient      *self,
                                       const char          *case_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (case_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_list_documents_async);
  if (!check_local_id (task, case_id))
    return;
  path = resource_path (PD_PORTAL_KIND_CASE, case_id, "documents");
  pd_portal_client_call_async (self, pd_portal_call_new ("GET", path), cancellable,
                               on_documents_listed_cb, g_steal_pointer (&task));
}

GPtrArray *
pd_portal_client_list_documents_finish (PdPortalClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_document_written_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DocumentOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_prefix_error_literal (&error, _("The document could not be saved: "));
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, g_strdup (op->sha256), g_free);
}

static void
on_document_downloaded_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  DocumentOp *op = g_task_get_task_data (task);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response == NULL || !pd_portal_response_check (response, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (response->body, &len);
  if (len < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      g_task_return_error (task, pd_portal_invalid_response ("the document is not a PDF"));
      return;
    }
  op->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, response->body);
  /* Private: the documents name a person. */
  g_file_replace_contents_bytes_async (op->destination, response->body, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_document_written_cb,
                                       g_steal_pointer (&task));
}

/* Saves the PDF to @destination (0600, replaced atomically); completes with its sha256
 * in lowercase hex. */
void
pd_portal_client_download_document_async (PdPortalClient      *self,
                                          const char          *case_id,
                                          PdPortalDocument     document,
                                          GFile               *destination,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  DocumentOp *op;
  PdPortalCall *call;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (case_id != NULL && G_IS_FILE (destination));
  g_return_if_fail (document == PD_PORTAL_DOCUMENT_NOTICE || document == PD_PORTAL_DOCUMENT_DECISION);

  task = document_task (self, case_id, pd_portal_client_download_document_async,
                        cancellable, callback, user_data);
  if (!check_local_id (task, case_id))
    return;
  op = g_task_get_task_data (task);
  op->destination = g_object_ref (destination);
  path = resource_path (PD_PORTAL_KIND_CASE, case_id,
                        document == PD_PORTAL_DOCUMENT_NOTICE ? "documents/notice" : "documents/decision");
  call = pd_portal_call_new ("GET", path);
  call->limit = PD_PORTAL_FILE_RESPONSE_LIMIT;
  soup_message_headers_replace (call->headers, "Accept", "application/pdf, application/problem+json");
  pd_portal_client_call_async (self, call, cancellable, on_document_downloaded_cb, g_steal_pointer (&task));
}

char *
pd_portal_client_download_document_finish (PdPortalClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- permits, verification, trust list ----------------------------------------- */

static gboolean
check_number (GTask      *task,
              const char *number)
{
  if (pd_portal_is_permit_number (number))
    return TRUE;
  g_task_return_new_error (task, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED,
                           _("A work permit number has 18 digits. Check the number and try again."));
  return FALSE;
}

static gboolean
valid_holder (JsonObject *permit)
{
  static const char * const members[] = { "family_name", "given_names", "name_zh", "nationality", "birth_date", NULL };
  JsonNode *node = json_object_get_member (permit, "holder");
  JsonObject *holder;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  holder = json_node_get_object (node);
  for (guint i = 0; members[i] != NULL; i++)
    {
      const char *value;

      if (json_object_has_member (holder, members[i]) &&
          (!pd_portal_get_string (holder, members[i], TRUE, &value, NULL) ||
           (value != NULL && g_utf8_strlen (value, -1) > 200)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
valid_permit (JsonObject  *permit,
              GError     **error)
{
  if (!pd_portal_schema_check (PD_PORTAL_KIND_PERMIT, permit, PD_PORTAL_SCHEMA_WIRE, error))
    return FALSE;
  if (!valid_holder (permit))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "member “holder” is wrong");
      return FALSE;
    }
  return TRUE;
}

typedef gboolean (*ReplyCheck) (JsonObject *reply, GError **error);

static void
on_checked_reply_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReplyCheck check = (ReplyCheck) g_task_get_task_data (task);
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    reply = pd_portal_response_object (response, &error);
  if (reply == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!check (reply, &error))
    g_task_return_error (task, pd_portal_invalid_response (error != NULL ? error->message : "reply"));
  else
    g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) json_object_unref);
}

static GTask *
checked_task (PdPortalClient      *self,
              ReplyCheck           check,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) check, NULL);
  return task;
}

void
pd_portal_client_lookup_permit_async (PdPortalClient      *self,
                                      const char          *number,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  task = checked_task (self, valid_permit, pd_portal_client_lookup_permit_async,
                       cancellable, callback, user_data);
  if (!check_number (task, number))
    return;
  path = g_strconcat ("/api/v1/permits/", number, NULL);
  pd_portal_client_call_async (self, pd_portal_call_new ("GET", path), cancellable,
                               on_checked_reply_cb, g_steal_pointer (&task));
}

JsonObject *
pd_portal_client_lookup_permit_finish (PdPortalClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
valid_token_reply (JsonObject  *reply,
                   GError     **error)
{
  const char *token, *expires_at;

  if (!pd_portal_get_string (reply, "token", FALSE, &token, error) ||
      !pd_portal_get_string (reply, "expires_at", FALSE, &expires_at, error))
    return FALSE;
  if (!pd_portal_is_online_token (token) || !pd_portal_is_rfc3339 (expires_at))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "token members are wrong");
      return FALSE;
    }
  return TRUE;
}

/* An online token (`PDT1.…`) for the e-SSC QR: it works once, for about a minute. */
void
pd_portal_client_issue_token_async (PdPortalClient      *self,
                                    const char          *number,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  task = checked_task (self, valid_token_reply, pd_portal_client_issue_token_async,
                       cancellable, callback, user_data);
  if (!check_number (task, number))
    return;
  path = g_strconcat ("/api/v1/permits/", number, "/token", NULL);
  pd_portal_client_call_async (self, pd_portal_call_new ("POST", path), cancellable,
                               on_checked_reply_cb, g_steal_pointer (&task));
}

char *
pd_portal_client_issue_token_finish (PdPortalClient  *self,
                                     GAsyncResult    *result,
                                     GDateTime      **expires_at,
                                     GError         **error)
{
  g_autoptr(JsonObject) reply = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;
  if (expires_at != NULL)
    *expires_at = g_date_time_new_from_iso8601 (json_object_get_string_member (reply, "expires_at"), NULL);
  return g_strdup (json_object_get_string_member (reply, "token"));
}

static gboolean
valid_verdict (JsonObject  *reply,
               GError     **error)
{
  static const char * const kinds[] = { "token", "permit-number", NULL };
  static const char * const reasons[] = {
    "valid", "token-unknown", "token-expired", "token-used", "permit-unknown",
    "permit-expired", "permit-cancelled", "permit-superseded", NULL
  };
  const char *kind, *reason, *checked_at;
  JsonNode *valid = json_object_get_member (reply, "valid");
  JsonNode *permit = json_object_get_member (reply, "permit");

  if (!pd_portal_get_string (reply, "kind", FALSE, &kind, error) ||
      !pd_portal_get_string (reply, "reason", FALSE, &reason, error) ||
      !pd_portal_get_string (reply, "checked_at", FALSE, &checked_at, error))
    return FALSE;
  if (!g_strv_contains (kinds, kind) || !g_strv_contains (reasons, reason) ||
      !pd_portal_is_rfc3339 (checked_at) || valid == NULL ||
      json_node_get_value_type (valid) != G_TYPE_BOOLEAN ||
      json_node_get_boolean (valid) != g_str_equal (reason, "valid") || permit == NULL ||
      (!JSON_NODE_HOLDS_NULL (permit) && !JSON_NODE_HOLDS_OBJECT (permit)) ||
      (g_str_equal (reason, "valid") && JSON_NODE_HOLDS_NULL (permit)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "verdict members are wrong");
      return FALSE;
    }
  return JSON_NODE_HOLDS_NULL (permit) || valid_permit (json_node_get_object (permit), error);
}

/* @token_or_number: an online token (`PDT1.…`) or an 18-digit permit number. Completes
 * with the verdict {kind, valid, reason, checked_at, permit}. */
void
pd_portal_client_verify_async (PdPortalClient      *self,
                               const char          *token_or_number,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) body = json_object_new ();
  PdPortalCall *call;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (token_or_number != NULL);

  task = checked_task (self, valid_verdict, pd_portal_client_verify_async,
                       cancellable, callback, user_data);
  if (pd_portal_is_online_token (token_or_number))
    json_object_set_string_member (body, "token", token_or_number);
  else if (check_number (task, token_or_number))
    json_object_set_string_member (body, "permit_number", token_or_number);
  else
    return;
  call = pd_portal_call_new ("POST", "/api/v1/verify");
  pd_portal_call_set_json (call, body);
  pd_portal_client_call_async (self, call, cancellable, on_checked_reply_cb, g_steal_pointer (&task));
}

JsonObject *
pd_portal_client_verify_finish (PdPortalClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
decode_base64 (const char *text,
               gboolean    url)
{
  const char *alphabet = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                             : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  gsize len = strlen (text);
  g_autofree char *padded = NULL;
  guchar *data;
  gsize out_len;

  if (len == 0 || strspn (text, alphabet) != len)
    return NULL;
  padded = g_strnfill (len + (4 - len % 4) % 4, '=');
  memcpy (padded, text, len);
  if (url)
    {
      g_strdelimit (padded, "-", '+');
      g_strdelimit (padded, "_", '/');
    }
  data = g_base64_decode (padded, &out_len);
  if (out_len == 0)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, out_len);
}

static gboolean
valid_trust_entries (JsonObject *data)
{
  JsonNode *certificates = json_object_get_member (data, "certificates");
  JsonNode *crls = json_object_get_member (data, "crls");
  JsonArray *array;

  if (certificates == NULL || !JSON_NODE_HOLDS_ARRAY (certificates) ||
      crls == NULL || !JSON_NODE_HOLDS_ARRAY (crls))
    return FALSE;
  array = json_node_get_array (certificates);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GBytes) der = NULL;
      const char *usage, *text;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !pd_portal_get_string (json_node_get_object (node), "usage", FALSE, &usage, NULL) ||
          (!g_str_equal (usage, "ca") && !g_str_equal (usage, "signer")) ||
          !pd_portal_get_string (json_node_get_object (node), "der", FALSE, &text, NULL) ||
          (der = decode_base64 (text, FALSE)) == NULL)
        return FALSE;
    }
  array = json_node_get_array (crls);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GBytes) der = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          (der = decode_base64 (json_node_get_string (node), FALSE)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The signed payload, decoded and checked; NULL when anything is off. */
static JsonObject *
decode_trust_list (JsonObject  *envelope,
                   GBytes     **payload)
{
  const char *payload_text, *alg, *signature, *issued_at, *next_update;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *data;

  if (!pd_portal_get_string (envelope, "payload", FALSE, &payload_text, NULL) ||
      !pd_portal_get_string (envelope, "alg", FALSE, &alg, NULL) || !g_str_equal (alg, "ES256") ||
      !pd_portal_get_string (envelope, "signature", FALSE, &signature, NULL) ||
      (bytes = decode_base64 (signature, TRUE)) == NULL)
    return NULL;
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = decode_base64 (payload_text, TRUE);
  if (bytes == NULL)
    return NULL;
  node = pd_portal_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  data = json_node_get_object (node);
  if (!pd_portal_get_string (data, "issued_at", FALSE, &issued_at, NULL) || !pd_portal_is_rfc3339 (issued_at) ||
      !pd_portal_get_string (data, "next_update", FALSE, &next_update, NULL) || !pd_portal_is_rfc3339 (next_update) ||
      !valid_trust_entries (data))
    return NULL;
  *payload = g_steal_pointer (&bytes);
  return json_object_ref (data);
}

typedef struct {
  GBytes *payload;
  char   *signature;
} TrustOp;

static void
trust_op_free (TrustOp *op)
{
  g_clear_pointer (&op->payload, g_bytes_unref);
  g_free (op->signature);
  g_free (op);
}

static void
on_trust_list_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TrustOp *op;
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) envelope = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    envelope = pd_portal_response_object (response, &error);
  if (envelope == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = decode_trust_list (envelope, &payload);
  if (data == NULL)
    {
      g_task_return_error (task, pd_portal_invalid_response ("trust list"));
      return;
    }
  op = g_task_get_task_data (task);
  op->signature = g_strdup (json_object_get_string_member (envelope, "signature"));
  op->payload = g_steal_pointer (&payload);
  g_task_return_pointer (task, g_steal_pointer (&data), (GDestroyNotify) json_object_unref);
}

/* No sign-in needed: the trust list is public and signed. The caller checks
 * @signature over @payload against its own anchor before believing the data. */
void
pd_portal_client_fetch_trust_list_async (PdPortalClient      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  PdPortalCall *call;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_fetch_trust_list_async);
  g_task_set_task_data (task, g_new0 (TrustOp, 1), (GDestroyNotify) trust_op_free);
  call = pd_portal_call_new ("GET", "/api/v1/trust-list");
  call->anonymous = TRUE;
  pd_portal_client_call_async (self, call, cancellable, on_trust_list_cb, task);
}

/* Returns the decoded payload {issued_at, next_update, certificates, crls}. */
JsonObject *
pd_portal_client_fetch_trust_list_finish (PdPortalClient  *self,
                                          GAsyncResult    *result,
                                          GBytes         **payload,
                                          char           **signature,
                                          GError         **error)
{
  TrustOp *op;
  JsonObject *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  data = g_task_propagate_pointer (G_TASK (result), error);
  if (data == NULL)
    return NULL;
  if (payload != NULL)
    *payload = g_bytes_ref (op->payload);
  if (signature != NULL)
    *signature = g_strdup (op->signature);
  return data;
}
