/* pd-pdf.h: PDF documents drawn with cairo into memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* A4 in PostScript points. */
#define PD_PDF_A4_WIDTH  595.276
#define PD_PDF_A4_HEIGHT 841.890

cairo_surface_t *pd_pdf_surface_new    (GByteArray       *out,
                                        double            width,
                                        double            height);
gboolean         pd_pdf_surface_finish (cairo_surface_t  *surface,
                                        GError          **error);
gboolean         pd_pdf_surface_save   (cairo_surface_t  *surface,
                                        GByteArray       *out,
                                        const char       *path,
                                        GError          **error);

gboolean         pd_pdf_draw_qr        (cairo_t          *cr,
                                        const char       *text,
                                        double            x,
                                        double            y,
                                        double            size);

G_END_DECLS
