/* pd-sync-resolve.c: the user's answer to a conflict or a refused change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-sync-engine-private.h"
#include "pd-sync-map.h"

/* Keep mine: the portal's present record becomes the base, so the change is sent
 * again with its version in If-Match and only what differs from it. */
static gboolean
keep_mine (PdStore      *store,
           PdSyncEntry  *entry,
           GError      **error)
{
  return pd_store_begin (store, error) &&
         (entry->server == NULL ||
          pd_sync_records_put (store, entry->kind, entry->local_id, entry->server, error)) &&
         pd_sync_outbox_set_state (store, entry->seq, PD_SYNC_ENTRY_PENDING, NULL, NULL, error) &&
         pd_store_commit (store, error);
}

static void
collect_theirs (PdStore     *store,
                PdSyncEntry *entry,
                JsonObject  *server,
                GPtrArray   *written)
{
  PdSyncApply apply;

  pd_sync_apply_init (&apply, store, NULL);
  if (g_str_equal (entry->kind, PD_SYNC_KIND_CASE))
    {
      PdCase *item = pd_sync_apply_case (&apply, entry->local_id, server);

      if (item != NULL)
        g_ptr_array_add (written, item);
    }
  else
    {
      GListModel *cases = pd_store_get_cases (store);
      g_autoptr(PdPerson) person = pd_sync_map_new_person (entry->local_id, server);

      for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
        {
          g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

          if (g_str_equal (pd_person_get_id (pd_case_get_person (item)), entry->local_id))
            {
              PdCase *copy = pd_case_copy (item);

              pd_case_set_person (copy, person);
              g_ptr_array_add (written, copy);
            }
        }
    }
  pd_sync_apply_clear (&apply);
}

/* Take theirs: the portal's record (or, for a refused change, the last one it sent)
 * is applied locally, and every change of that record still in the outbox dropped. */
static gboolean
take_theirs (PdStore      *store,
             PdSyncEntry  *entry,
             GError      **error)
{
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (store, entry->kind, entry->local_id);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *server = entry->server != NULL ? entry->server : record != NULL ? record->json : NULL;

  if (!pd_store_begin (store, error))
    return FALSE;
  if ((server != NULL && !pd_sync_records_put (store, entry->kind, entry->local_id, server, error)) ||
      !pd_sync_outbox_remove_record (store, entry->kind, entry->local_id, error))
    goto failed;
  if (server != NULL)
    collect_theirs (store, entry, server, written);
  if (!pd_store_write_remote_cases (store, (PdCase **) written->pdata, written->len, error) ||
      !pd_store_commit (store, error))
    goto failed;
  pd_store_publish_cases (store, (PdCase **) written->pdata, written->len);
  return TRUE;

failed:
  pd_store_rollback (store);
  return FALSE;
}

gboolean
pd_sync_engine_resolve_conflict (PdSyncEngine      *self,
                                 PdSyncConflict    *conflict,
                                 PdSyncResolution   resolution,
                                 GError           **error)
{
  PdStore *store;
  g_autoptr(PdSyncEntry) entry = NULL;
  gboolean ok;

  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (conflict), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = pd_sync_engine_get_store (self);
  entry = pd_sync_outbox_get (store, pd_sync_conflict_get_seq (conflict));
  if (entry == NULL || g_str_equal (entry->state, PD_SYNC_ENTRY_PENDING))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This conflict was already resolved."));
      return FALSE;
    }

  if (resolution == PD_SYNC_RESOLUTION_KEEP_MINE)
    {
      ok = keep_mine (store, entry, error);
      if (!ok)
        pd_store_rollback (store);
    }
  else
    {
      ok = take_theirs (store, entry, error);
    }
  if (!ok)
    g_prefix_error (error, _("The conflict was not resolved. "));
  pd_sync_engine_refresh (self);
  return ok;
}
