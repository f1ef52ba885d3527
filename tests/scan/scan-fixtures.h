/* scan-fixtures.h: files made in the tests (PDF notices, hostile PNG headers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    scan_fixture_write_pdf   (const char *path,
                                  const char *text,
                                  int         code_page,
                                  int         n_pages);
GBytes *scan_fixture_png_header  (guint32     width,
                                  guint32     height);

G_END_DECLS
