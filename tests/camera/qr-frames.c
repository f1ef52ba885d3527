/* qr-frames.c: QR code images for the camera and Verify view tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <qrencode.h>
#include <string.h>

#include "qr-frames.h"

/* A code centred on a light grey background, modules as large as fit with a 4-module quiet
 * zone; NULL text gives a frame without a code. */
GdkPixbuf *
pd_test_qr_pixbuf (const char *text,
                   int         width,
                   int         height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  QRcode *qr;
  int module, x0, y0, stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  gdk_pixbuf_fill (pixbuf, 0xe0e0e0ff);
  if (text == NULL)
    return pixbuf;

  qr = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  g_assert_nonnull (qr);
  module = MIN (width, height) / (qr->width + 8);
  g_assert_cmpint (module, >=, 2);
  x0 = (width - module * qr->width) / 2;
  y0 = (height - module * qr->width) / 2;

  for (int y = -4 * module; y < (qr->width + 4) * module; y++)
    for (int x = -4 * module; x < (qr->width + 4) * module; x++)
      {
        gboolean inside = x >= 0 && y >= 0 && x < qr->width * module && y < qr->width * module;
        gboolean dark = inside && (qr->data[(y / module) * qr->width + x / module] & 1);
        guint8 *p = pixels + (gsize)(y0 + y) * stride + (gsize)(x0 + x) * 3;

        memset (p, dark ? 0x10 : 0xff, 3);
      }

  QRcode_free (qr);
  return pixbuf;
}

void
pd_test_write_qr_png (const char *text,
                      int         width,
                      int         height,
                      const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = pd_test_qr_pixbuf (text, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* Writes frame-000.png ... into dir, frames_per_text frames for each text in turn (NULL in
 * texts is not allowed; use "" for a frame without a code) and returns the multifilesrc
 * location pattern. */
char *
pd_test_write_frames (const char         *dir,
                      const char * const *texts,
                      guint               frames_per_text,
                      int                 width,
                      int                 height)
{
  guint n = 0;

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = pd_test_qr_pixbuf (texts[i][0] ? texts[i] : NULL,
                                                       width, height);

      for (guint j = 0; j < frames_per_text; j++, n++)
        {
          g_autofree char *name = g_strdup_printf ("frame-%03u.png", n);
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autoptr(GError) error = NULL;

          gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
          g_assert_no_error (error);
        }
    }

  return g_build_filename (dir, "frame-%03d.png", NULL);
}
