/* pd-core.h: process-wide helpers of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *pd_core_get_data_dir   (void);
gboolean    pd_core_ensure_data_dir (GError **error);
gboolean    pd_core_write_private_file (const char  *path,
                                        const void  *data,
                                        gsize        len,
                                        GError     **error);
guint64     pd_core_string_sort_key (const char *text);

G_END_DECLS
