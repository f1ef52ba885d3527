/* pd-store-private.h: the database underneath a PdStore, for other core modules
 * (outbox, audit log) that keep their tables in the same file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pd-store.h"

G_BEGIN_DECLS

sqlite3      *pd_store_get_db   (PdStore     *self);
sqlite3_stmt *pd_store_prepare  (PdStore     *self,
                                 const char  *sql,
                                 GError     **error);
gboolean      pd_store_step     (PdStore      *self,
                                 sqlite3_stmt *stmt,
                                 GError      **error);
gboolean      pd_store_begin    (PdStore     *self,
                                 GError     **error);
gboolean      pd_store_commit   (PdStore     *self,
                                 GError     **error);
void          pd_store_rollback (PdStore     *self);

char         *pd_store_get_meta (PdStore     *self,
                                 const char  *key);
gboolean      pd_store_set_meta (PdStore     *self,
                                 const char  *key,
                                 const char  *value,
                                 GError     **error);

typedef enum {
  PD_STORE_CHANGE_SAVE,
  PD_STORE_CHANGE_DELETE,
} PdStoreChange;

/* Called for every case a user saves or deletes, inside that save's transaction and
 * before the case's rows are written: what the hook writes (the sync outbox) is on
 * disk exactly when the change is. Returning FALSE rolls the whole save back. */
typedef gboolean (*PdStoreChangeHook) (PdStore       *store,
                                       PdCase        *item,
                                       PdStoreChange  change,
                                       gpointer       user_data,
                                       GError       **error);

void          pd_store_set_change_hook   (PdStore            *self,
                                          PdStoreChangeHook   hook,
                                          gpointer            user_data);

/* The portal's state of cases, written inside a transaction the caller holds: no
 * validation (the portal is the authority) and no change hook (nothing to send
 * back). After the commit, pd_store_publish_cases() shows them in the case list. */
gboolean      pd_store_write_remote_cases (PdStore           *self,
                                           PdCase           **items,
                                           guint              n_items,
                                           GError           **error);
void          pd_store_publish_cases      (PdStore           *self,
                                           PdCase           **items,
                                           guint              n_items);

G_END_DECLS
