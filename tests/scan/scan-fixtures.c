/* scan-fixtures.c: files made in the tests (PDF notices, hostile PNG headers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "qr-gen.h"
#include "scan-fixtures.h"

/* An A4 document of n_pages with text on every page and the code, drawn as vector
 * modules of 2 pt, on code_page (1-based). */
void
scan_fixture_write_pdf (const char *path,
                        const char *text,
                        int         code_page,
                        int         n_pages)
{
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) text, strlen (text));
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int page = 1; page <= n_pages; page++)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, 72, 72);
      cairo_set_font_size (cr, 14);
      cairo_show_text (cr, "Notification Letter of Work Permit");
      if (page == code_page)
        for (int y = 0; y < qr->width; y++)
          for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
              cairo_rectangle (cr, 380 + 2.0 * x, 600 + 2.0 * y, 2, 2);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
append_be32 (GByteArray *array,
             guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (array, b, 4);
}

/* A PNG that claims width x height pixels and holds no image data: decoding it
 * naively would allocate width * height * 3 bytes. */
GBytes *
scan_fixture_png_header (guint32 width,
                         guint32 height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[17] = { 'I', 'H', 'D', 'R' };
  static const guint8 iend[4] = { 'I', 'E', 'N', 'D' };
  static const guint8 idat[8] = { 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0x60 };

  ihdr[4] = width >> 24, ihdr[5] = width >> 16, ihdr[6] = width >> 8, ihdr[7] = width;
  ihdr[8] = height >> 24, ihdr[9] = height >> 16, ihdr[10] = height >> 8, ihdr[11] = height;
  ihdr[12] = 8; /* bit depth */
  ihdr[13] = 2; /* RGB */

  g_byte_array_append (png, signature, sizeof signature);
  append_be32 (png, 13);
  g_byte_array_append (png, ihdr, sizeof ihdr);
  append_be32 (png, crc32 (ihdr, sizeof ihdr));
  /* Loaders learn the size when the image data starts. */
  append_be32 (png, sizeof idat - 4);
  g_byte_array_append (png, idat, sizeof idat);
  append_be32 (png, crc32 (idat, sizeof idat));
  append_be32 (png, 0);
  g_byte_array_append (png, iend, sizeof iend);
  append_be32 (png, crc32 (iend, sizeof iend));
  return g_byte_array_free_to_bytes (png);
}
