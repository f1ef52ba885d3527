/* pd-sync-engine.h: keeps the store and the portal in step (docs/sync.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-model.h"
#include "pd-portal-client.h"
#include "pd-store.h"
#include "pd-sync-conflict.h"

G_BEGIN_DECLS

typedef enum {
  PD_SYNC_STATE_IDLE,
  PD_SYNC_STATE_SYNCING,
  PD_SYNC_STATE_OFFLINE,   /* the portal did not answer; changes wait in the outbox */
  PD_SYNC_STATE_ERROR,     /* the portal answered wrongly or refused the session */
} PdSyncState;

typedef enum {
  PD_SYNC_RESOLUTION_KEEP_MINE,    /* send the local change again, over the portal's version */
  PD_SYNC_RESOLUTION_TAKE_THEIRS,  /* take the portal's version and drop the local change */
} PdSyncResolution;

#define PD_TYPE_SYNC_ENGINE (pd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (PdSyncEngine, pd_sync_engine, PD, SYNC_ENGINE, GObject)

PdSyncEngine *pd_sync_engine_new                  (PdStore          *store,
                                                   PdPortalClient   *client);
PdStore      *pd_sync_engine_get_store            (PdSyncEngine     *self);
PdPortalClient *pd_sync_engine_get_client         (PdSyncEngine     *self);
PdSyncState   pd_sync_engine_get_state            (PdSyncEngine     *self);
GDateTime    *pd_sync_engine_get_last_synced      (PdSyncEngine     *self);
guint         pd_sync_engine_get_pending          (PdSyncEngine     *self);
const char   *pd_sync_engine_get_error_message    (PdSyncEngine     *self);
GListModel   *pd_sync_engine_get_conflicts        (PdSyncEngine     *self);
guint         pd_sync_engine_get_interval         (PdSyncEngine     *self);
void          pd_sync_engine_set_interval         (PdSyncEngine     *self,
                                                   guint             seconds);
gboolean      pd_sync_engine_get_automatic        (PdSyncEngine     *self);
void          pd_sync_engine_set_automatic        (PdSyncEngine     *self,
                                                   gboolean          automatic);
void          pd_sync_engine_set_backoff          (PdSyncEngine     *self,
                                                   guint             initial_ms,
                                                   guint             max_ms);

void          pd_sync_engine_sync_async           (PdSyncEngine     *self,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean      pd_sync_engine_sync_finish          (PdSyncEngine     *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

gboolean      pd_sync_engine_resolve_conflict     (PdSyncEngine     *self,
                                                   PdSyncConflict   *conflict,
                                                   PdSyncResolution  resolution,
                                                   GError          **error);

void          pd_sync_engine_download_documents_async
                                                  (PdSyncEngine     *self,
                                                   PdCase           *item,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean      pd_sync_engine_download_documents_finish
                                                  (PdSyncEngine     *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

G_END_DECLS
