/* pd-scanner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimal stand-in for the scan branch's PdScanner (QR only, one pass on a grey copy): the
 * camera is written against the documented API only, and the scan branch's version replaces
 * this file at merge.
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <zbar.h>

#include "pd-scanner.h"

#define MAX_SIDE 8192

struct _PdScanner
{
  GObject                parent_instance;

  zbar_image_scanner_t  *zbar;
};

G_DEFINE_FINAL_TYPE (PdScanner, pd_scanner, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-scan-error-quark, pd_scan_error)

static guint8 *
to_grey (const guint8  *pixels,
         int            width,
         int            height,
         int            stride,
         PdPixelFormat  format)
{
  guint8 *grey = g_malloc ((gsize)width * height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize)y * stride;
      guint8 *out = grey + (gsize)y * width;

      for (int x = 0; x < width; x++)
        {
          switch (format)
            {
            case PD_PIXEL_FORMAT_GREY8:
              out[x] = row[x];
              break;
            case PD_PIXEL_FORMAT_RGB24:
              out[x] = (row[3 * x] * 77 + row[3 * x + 1] * 150 + row[3 * x + 2] * 29) >> 8;
              break;
            case PD_PIXEL_FORMAT_RGBA32:
              out[x] = (row[4 * x] * 77 + row[4 * x + 1] * 150 + row[4 * x + 2] * 29) >> 8;
              break;
            case PD_PIXEL_FORMAT_BGRA32:
            default:
              out[x] = (row[4 * x + 2] * 77 + row[4 * x + 1] * 150 + row[4 * x] * 29) >> 8;
              break;
            }
        }
    }

  return grey;
}

static PdCode *
code_from_symbol (const zbar_symbol_t *symbol,
                  PdCodeSource         source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree PdPoint *corners = NULL;
  guint n_corners = zbar_symbol_get_loc_size (symbol);
  PdCode *code;

  bytes = g_bytes_new (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
  code = pd_code_new (bytes, source);
  pd_code_set_symbology (code, "QR-Code");

  corners = g_new0 (PdPoint, n_corners);
  for (guint i = 0; i < n_corners; i++)
    {
      corners[i].x = zbar_symbol_get_loc_x (symbol, i);
      corners[i].y = zbar_symbol_get_loc_y (symbol, i);
    }
  pd_code_set_corners (code, corners, n_corners);

  return code;
}

static void
pd_scanner_finalize (GObject *object)
{
  PdScanner *self = (PdScanner *)object;

  g_clear_pointer (&self->zbar, zbar_image_scanner_destroy);

  G_OBJECT_CLASS (pd_scanner_parent_class)->finalize (object);
}

static void
pd_scanner_class_init (PdScannerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_scanner_finalize;
}

static void
pd_scanner_init (PdScanner *self)
{
  self->zbar = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (self->zbar, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (self->zbar, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (self->zbar, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
}

PdScanner *
pd_scanner_new (void)
{
  return g_object_new (PD_TYPE_SCANNER, NULL);
}

GPtrArray *
pd_scanner_scan_frame (PdScanner     *self,
                       const guint8  *pixels,
                       int            width,
                       int            height,
                       int            stride,
                       PdPixelFormat  format,
                       PdCodeSource   source,
                       GError       **error)
{
  static const int bpp[] = { 1, 3, 4, 4 };
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_object_unref);
  zbar_image_t *image;

  g_return_val_if_fail (PD_IS_SCANNER (self), NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (format <= PD_PIXEL_FORMAT_BGRA32, NULL);

  if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE ||
      stride < width * bpp[format])
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_INVALID_FRAME,
                   _("The image size %d×%d is not supported."), width, height);
      return NULL;
    }

  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, to_grey (pixels, width, height, stride, format),
                       (unsigned long)width * height, zbar_image_free_data);

  if (zbar_scan_image (self->zbar, image) > 0)
    {
      for (const zbar_symbol_t *s = zbar_image_first_symbol (image); s; s = zbar_symbol_next (s))
        g_ptr_array_add (codes, code_from_symbol (s, source));
    }

  zbar_image_destroy (image);

  return g_steal_pointer (&codes);
}
