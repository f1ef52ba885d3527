/* pd-store-schema.h: the versioned schema of the PermitDesk database (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Written in the SQLite header ("PDK1"), so a PermitDesk file is recognisable
 * without reading any table. */
#define PD_STORE_APPLICATION_ID 0x50444B31

guint    pd_store_schema_get_latest_version (void);
gboolean pd_store_schema_migrate            (sqlite3  *db,
                                             guint     target_version,
                                             GError  **error);

G_END_DECLS
