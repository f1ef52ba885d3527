/* pd-verify-print.h: the detailed work permit information page (cairo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "pd-verdict.h"

G_BEGIN_DECLS

/* A4 in points, the page pd_verify_export_pdf() writes. */
#define PD_VERIFY_PRINT_PAGE_WIDTH  595.0
#define PD_VERIFY_PRINT_PAGE_HEIGHT 842.0

void     pd_verify_print_draw (cairo_t     *cr,
                               double       width,
                               double       height,
                               PdVerdict   *verdict,
                               const char  *operator_name,
                               GDateTime   *printed_at);
gboolean pd_verify_export_pdf (PdVerdict   *verdict,
                               const char  *operator_name,
                               const char  *path,
                               GError     **error);

G_END_DECLS
