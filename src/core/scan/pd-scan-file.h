/* pd-scan-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-scanner.h"

G_BEGIN_DECLS

GPtrArray *pd_scan_file        (PdScanner            *scanner,
                                const char           *path,
                                GCancellable         *cancellable,
                                GError              **error);
void       pd_scan_file_async  (const char           *path,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
GPtrArray *pd_scan_file_finish (GAsyncResult         *result,
                                GError              **error);

G_END_DECLS
