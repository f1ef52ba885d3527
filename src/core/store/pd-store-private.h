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

G_END_DECLS
