/* pd-sync-outbox.h: the durable outbox of local edits and the portal's last known
 * records, both in the store's SQLite file (private to the sync engine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pd-model.h"
#include "pd-store-private.h"

G_BEGIN_DECLS

#define PD_SYNC_KIND_EMPLOYER "employer"
#define PD_SYNC_KIND_PERSON   "person"
#define PD_SYNC_KIND_CASE     "case"

#define PD_SYNC_ENTRY_PENDING  "pending"
#define PD_SYNC_ENTRY_CONFLICT "conflict"
#define PD_SYNC_ENTRY_REFUSED  "refused"

typedef struct {
  gint64      seq;
  char       *key;          /* the Idempotency-Key */
  char       *op;           /* create, update, delete, submit, withdraw */
  char       *kind;         /* person or case */
  char       *local_id;
  char       *case_id;
  gint64      base_version;
  JsonObject *payload;
  char       *state;
  JsonObject *server;       /* the portal's record of a conflict */
  char       *message;
} PdSyncEntry;

typedef struct {
  char       *local_id;
  char       *remote_id;
  gint64      version;
  JsonObject *json;
} PdSyncRecord;

void          pd_sync_entry_free           (PdSyncEntry   *entry);
void          pd_sync_record_free          (PdSyncRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSyncEntry, pd_sync_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSyncRecord, pd_sync_record_free)

gboolean      pd_sync_outbox_record_change (PdStore       *store,
                                            PdCase        *item,
                                            PdStoreChange  change,
                                            GError       **error);
GPtrArray    *pd_sync_outbox_list          (PdStore       *store,
                                            GError       **error);
PdSyncEntry  *pd_sync_outbox_get           (PdStore       *store,
                                            gint64         seq);
gboolean      pd_sync_outbox_has_record    (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id);
gboolean      pd_sync_outbox_remove        (PdStore       *store,
                                            gint64         seq,
                                            GError       **error);
gboolean      pd_sync_outbox_remove_record (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id,
                                            GError       **error);
gboolean      pd_sync_outbox_mark_sent     (PdStore       *store,
                                            gint64         seq,
                                            GError       **error);
gboolean      pd_sync_outbox_keep_server   (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id,
                                            JsonObject    *wire,
                                            GError       **error);
gboolean      pd_sync_outbox_set_state     (PdStore       *store,
                                            gint64         seq,
                                            const char    *state,
                                            JsonObject    *server,
                                            const char    *message,
                                            GError       **error);

PdSyncRecord *pd_sync_records_lookup       (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id);
char         *pd_sync_records_local_id     (PdStore       *store,
                                            const char    *kind,
                                            const char    *remote_id);
char         *pd_sync_records_remote_id    (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id);
gboolean      pd_sync_records_put          (PdStore       *store,
                                            const char    *kind,
                                            const char    *local_id,
                                            JsonObject    *wire,
                                            GError       **error);

G_END_DECLS
