/* pd-pdf.c: PDF documents drawn with cairo into memory
 *
 * Every PDF PermitDesk makes holds personal data: it is drawn into memory and then
 * written in one go, owner-only and atomically (pd_core_write_private_file), never
 * through cairo's own file output, which follows the umask and leaves half a file
 * behind on a full disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-core"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "pd-core.h"
#include "pd-pdf.h"

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF surface whose bytes accumulate in @out. */
cairo_surface_t *
pd_pdf_surface_new (GByteArray *out,
                    double      width,
                    double      height)
{
  g_return_val_if_fail (out != NULL, NULL);

  return cairo_pdf_surface_create_for_stream (append_to_array, out, width, height);
}

/* Finishes and destroys @surface; FALSE with a translated error when cairo failed. */
gboolean
pd_pdf_surface_finish (cairo_surface_t  *surface,
                       GError          **error)
{
  cairo_status_t status;

  g_return_val_if_fail (surface != NULL, FALSE);

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/* Finishes @surface and writes what it drew into @out to @path, owner-only. */
gboolean
pd_pdf_surface_save (cairo_surface_t  *surface,
                     GByteArray       *out,
                     const char       *path,
                     GError          **error)
{
  g_return_val_if_fail (surface != NULL && out != NULL && path != NULL, FALSE);

  if (!pd_pdf_surface_finish (surface, error))
    return FALSE;

  return pd_core_write_private_file (path, out->data, out->len, error);
}

/* Draws @text as a QR code (bytes as they are, error correction M) in a white
 * @size-point square at @x, @y, with the four-module quiet zone inside the square.
 * FALSE, drawing nothing, when the text is too long for a QR code. */
gboolean
pd_pdf_draw_qr (cairo_t    *cr,
                const char *text,
                double      x,
                double      y,
                double      size)
{
  QRcode *qr;
  double module;

  g_return_val_if_fail (cr != NULL && text != NULL, FALSE);

  qr = QRcode_encodeData ((int) strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    return FALSE;

  module = size / (qr->width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int col = 0; col < qr->width; col++)
      if (qr->data[row * qr->width + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}
