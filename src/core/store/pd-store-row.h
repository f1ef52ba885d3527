/* pd-store-row.h: maps model object properties to table rows and back (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean  pd_store_row_bind_object (sqlite3_stmt  *stmt,
                                    GObject       *object);
gboolean  pd_store_row_bind_text   (sqlite3_stmt  *stmt,
                                    const char    *name,
                                    const char    *value);
gboolean  pd_store_row_bind_int    (sqlite3_stmt  *stmt,
                                    const char    *name,
                                    gint64         value);
gboolean  pd_store_row_bind_date_time (sqlite3_stmt *stmt,
                                       const char   *name,
                                       GDateTime    *value);
GObject  *pd_store_row_new_object  (sqlite3_stmt  *stmt,
                                    GType          type,
                                    GError       **error);
const char *pd_store_row_get_text  (sqlite3_stmt  *stmt,
                                    const char    *column);

G_END_DECLS
