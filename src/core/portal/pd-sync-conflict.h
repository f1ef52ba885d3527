/* pd-sync-conflict.h: a local change the portal did not take, with both versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  PD_SYNC_CONFLICT_CHANGED,  /* someone else changed the record on the portal (412) */
  PD_SYNC_CONFLICT_REFUSED,  /* the portal refused the change (its state, a field, rights) */
} PdSyncConflictReason;

#define PD_TYPE_SYNC_CONFLICT (pd_sync_conflict_get_type ())
G_DECLARE_FINAL_TYPE (PdSyncConflict, pd_sync_conflict, PD, SYNC_CONFLICT, GObject)

PdSyncConflict       *pd_sync_conflict_new            (gint64                seq,
                                                       PdSyncConflictReason  reason,
                                                       const char           *kind,
                                                       const char           *case_id,
                                                       const char           *operation,
                                                       const char           *local_json,
                                                       const char           *server_json,
                                                       const char           *message);
gint64                pd_sync_conflict_get_seq         (PdSyncConflict *self);
PdSyncConflictReason  pd_sync_conflict_get_reason      (PdSyncConflict *self);
const char           *pd_sync_conflict_get_kind        (PdSyncConflict *self);
const char           *pd_sync_conflict_get_case_id     (PdSyncConflict *self);
const char           *pd_sync_conflict_get_operation   (PdSyncConflict *self);
const char           *pd_sync_conflict_get_local_json  (PdSyncConflict *self);
const char           *pd_sync_conflict_get_server_json (PdSyncConflict *self);
const char           *pd_sync_conflict_get_message     (PdSyncConflict *self);

G_END_DECLS
