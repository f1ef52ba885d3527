/* pd-scan-file.h: the QR codes in an image file or a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-scanner.h"

G_BEGIN_DECLS

/* Limits that keep hostile or absurd files from exhausting memory or time. */
#define PD_SCAN_FILE_MAX_BYTES  (100 * 1024 * 1024)
#define PD_SCAN_FILE_MAX_PIXELS (40 * 1000 * 1000)
#define PD_SCAN_FILE_MAX_PAGES  50

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
