/* pd-scanner.c: finds the QR codes in one camera frame or image, with ZBar
 *
 * Passes, cheapest first; a costlier one runs only when the cheaper ones found nothing:
 *  1. the frame averaged 2x2 (frames of 480+ lines; full size below), as it is;
 *  2. a search for QR finder patterns at full, half and quarter size: without two
 *     consistent ones there is no code, and the frame costs no more (most camera
 *     frames show no code);
 *  3. if the finders are light-on-dark (a phone in dark mode): pass 1 inverted by us
 *     (ZBar's own TEST_INVERTED wipes its cache);
 *  4. each finder region at full resolution, upscaled so modules reach 4 px, in the
 *     polarity its finders showed; then contrast stretched (low contrast, glare); then
 *     at another scale (ZBar misses a few codes at particular sizes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <zbar.h>

#include "pd-grey.h"
#include "pd-qr-finder.h"
#include "pd-scanner.h"

/* ZBar 0.23.92 leaks ~144 bytes per decode in a long-lived scanner. */
#define DECODES_PER_ZBAR_SCANNER 500
/* Frames with this many lines or more are first scanned at half size. */
#define HALF_SIZE_MIN_LINES 480
/* Modules ZBar reads reliably, and the largest plane an upscaled region may become. */
#define TARGET_MODULE 4.0
#define MAX_UPSCALED_SIDE 2400

struct _PdScanner
{
  GObject               parent_instance;

  zbar_image_scanner_t *zbar;
  guint                 n_decodes;
};

G_DEFINE_FINAL_TYPE (PdScanner, pd_scanner, G_TYPE_OBJECT)

G_DEFINE_QUARK (pd-scan-error-quark, pd_scan_error)

static zbar_image_scanner_t *
create_zbar (void)
{
  zbar_image_scanner_t *zbar = zbar_image_scanner_create ();

  /* QR only: faster, and it keeps clear of the DataBar decoder's stack corruption.
   * BINARY: exact bytes instead of ZBar's SJIS-first charset guessing. */
  zbar_image_scanner_set_config (zbar, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (zbar, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (zbar, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  return zbar;
}

static gboolean
same_bytes (GPtrArray *codes,
            PdCode    *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_bytes_equal (pd_code_get_bytes (g_ptr_array_index (codes, i)), pd_code_get_bytes (code)))
      return TRUE;
  return FALSE;
}

static PdCode *
code_from_symbol (const zbar_symbol_t *symbol,
                  const PdGrey        *grey,
                  PdCodeSource         source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree PdPoint *corners = NULL;
  guint n_corners = zbar_symbol_get_loc_size (symbol);
  PdCode *code;

  bytes = g_bytes_new (zbar_symbol_get_data (symbol), zbar_symbol_get_data_length (symbol));
  code = pd_code_new (bytes, source);
  pd_code_set_symbology (code, "QR-Code");

  corners = g_new (PdPoint, MAX (n_corners, 1));
  for (guint i = 0; i < n_corners; i++)
    corners[i] = pd_grey_to_frame (grey, zbar_symbol_get_loc_x (symbol, i),
                                   zbar_symbol_get_loc_y (symbol, i));
  pd_code_set_corners (code, corners, n_corners);
  return code;
}

/* One ZBar pass over a plane; the codes found are appended to codes. */
static gboolean
scan_plane (PdScanner    *self,
            const PdGrey *grey,
            PdCodeSource  source,
            GPtrArray    *codes)
{
  zbar_image_t *image = zbar_image_create ();
  guint before = codes->len;

  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, grey->width, grey->height);
  zbar_image_set_data (image, grey->data, (unsigned long) grey->width * grey->height, NULL);

  if (zbar_scan_image (self->zbar, image) > 0)
    {
      for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image); symbol != NULL;
           symbol = zbar_symbol_next (symbol))
        {
          g_autoptr(PdCode) code = NULL;

          if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
            continue;
          code = code_from_symbol (symbol, grey, source);
          if (!same_bytes (codes, code))
            g_ptr_array_add (codes, g_steal_pointer (&code));
        }
    }
  zbar_image_destroy (image);

  if (++self->n_decodes >= DECODES_PER_ZBAR_SCANNER)
    {
      zbar_image_scanner_destroy (self->zbar);
      self->zbar = create_zbar ();
      self->n_decodes = 0;
    }
  return codes->len > before;
}

static PdGrey *
region_plane (const PdGrey     *full,
              const PdQrRegion *region,
              double            factor,
              gboolean          stretch)
{
  PdGrey *plane = pd_grey_crop_scaled (full, region->x, region->y, region->width,
                                       region->height, factor);

  if (region->inverted)
    pd_grey_invert (plane);
  if (stretch)
    pd_grey_stretch (plane);
  return plane;
}

static gboolean
scan_region (PdScanner        *self,
             const PdGrey     *full,
             const PdQrRegion *region,
             PdCodeSource      source,
             GPtrArray        *codes)
{
  double side = MAX (region->width, region->height);
  double factor = CLAMP (TARGET_MODULE / region->module, 1.0, 4.0);
  double other = factor * 1.5;
  g_autoptr(PdGrey) plane = NULL;
  g_autoptr(PdGrey) stretched = NULL;
  g_autoptr(PdGrey) rescaled = NULL;

  factor = MAX (1.0, MIN (factor, MAX_UPSCALED_SIDE / side));
  other = MIN (other, MAX_UPSCALED_SIDE / side);

  plane = region_plane (full, region, factor, FALSE);
  if (scan_plane (self, plane, source, codes))
    return TRUE;

  stretched = region_plane (full, region, factor, TRUE);
  if (scan_plane (self, stretched, source, codes))
    return TRUE;

  if (fabs (other - factor) < 0.25)
    other = factor * 0.75;
  rescaled = region_plane (full, region, other, FALSE);
  return scan_plane (self, rescaled, source, codes);
}

/* Regions found in a plane of the pyramid, in the pixels of the full frame. */
static void
add_regions (GArray       *regions,
             const PdGrey *plane,
             int           row_step)
{
  g_autoptr(GArray) found = pd_qr_finder_find_regions (plane, row_step);

  g_assert (plane->origin_x == 0 && plane->origin_y == 0);

  for (guint i = 0; i < found->len; i++)
    {
      PdQrRegion r = g_array_index (found, PdQrRegion, i);

      r.x = (int) (r.x * plane->scale);
      r.y = (int) (r.y * plane->scale);
      r.width = (int) (r.width * plane->scale);
      r.height = (int) (r.height * plane->scale);
      r.module *= plane->scale;
      g_array_append_val (regions, r);
    }
}

/* Finder patterns are searched at three scales: each finds modules of 1-10 pixels. */
static GArray *
find_regions (const PdGrey *full,
              const PdGrey *half)
{
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PdQrRegion));
  g_autoptr(PdGrey) own_half = NULL;
  g_autoptr(PdGrey) quarter = NULL;

  if (half == NULL && full->width >= 2 && full->height >= 2)
    half = own_half = pd_grey_half (full);

  /* Every other row is enough at full size and halves the cost. */
  add_regions (regions, full, 2);
  if (half != NULL)
    {
      add_regions (regions, half, 1);
      if (half->width >= 2 && half->height >= 2)
        {
          quarter = pd_grey_half (half);
          add_regions (regions, quarter, 1);
        }
    }
  return regions;
}

static gboolean
any_inverted (GArray *regions)
{
  for (guint i = 0; i < regions->len; i++)
    if (g_array_index (regions, PdQrRegion, i).inverted)
      return TRUE;
  return FALSE;
}

static void
scan_frame (PdScanner    *self,
            const PdGrey *full,
            const PdGrey *half,
            PdCodeSource  source,
            GPtrArray    *codes)
{
  const PdGrey *primary = half != NULL ? half : full;
  g_autoptr(GArray) regions = NULL;

  if (scan_plane (self, primary, source, codes))
    return;

  regions = find_regions (full, half);
  if (any_inverted (regions))
    {
      g_autoptr(PdGrey) inverted = pd_grey_copy (primary);

      pd_grey_invert (inverted);
      if (scan_plane (self, inverted, source, codes))
        return;
    }

  for (guint i = 0; i < regions->len; i++)
    scan_region (self, full, &g_array_index (regions, PdQrRegion, i), source, codes);
}

static gboolean
check_frame (int             width,
             int             height,
             int             stride,
             PdPixelFormat   format,
             GError        **error)
{
  static const int bytes_per_pixel[] = { 1, 3, 4, 4 };

  if (width <= 0 || height <= 0 || (guint) format >= G_N_ELEMENTS (bytes_per_pixel))
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_INVALID_FRAME,
                   _("The picture is empty or in an unknown pixel format."));
      return FALSE;
    }
  if (width > PD_SCANNER_MAX_SIZE || height > PD_SCANNER_MAX_SIZE)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE,
                   _("The picture is %d × %d pixels, larger than the %d × %d that can be "
                     "scanned. Crop it around the code or reduce its size."),
                   width, height, PD_SCANNER_MAX_SIZE, PD_SCANNER_MAX_SIZE);
      return FALSE;
    }
  if (stride < width * bytes_per_pixel[format])
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_INVALID_FRAME,
                   _("The picture’s rows are shorter than its width."));
      return FALSE;
    }
  return TRUE;
}

static void
pd_scanner_finalize (GObject *object)
{
  PdScanner *self = (PdScanner *) object;

  g_clear_pointer (&self->zbar, zbar_image_scanner_destroy);

  G_OBJECT_CLASS (pd_scanner_parent_class)->finalize (object);
}

static void
pd_scanner_class_init (PdScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_scanner_finalize;
}

static void
pd_scanner_init (PdScanner *self)
{
  self->zbar = create_zbar ();
}

/* Cheap to create; not thread-safe: use one per worker thread. */
PdScanner *
pd_scanner_new (void)
{
  return g_object_new (PD_TYPE_SCANNER, NULL);
}

/* The QR codes in one frame, as PdCode with corners in the frame's pixel coordinates.
 * Returns an empty array when there is none, NULL with PD_SCAN_ERROR on a frame with
 * impossible dimensions. */
GPtrArray *
pd_scanner_scan_frame (PdScanner      *self,
                       const guint8   *pixels,
                       int             width,
                       int             height,
                       int             stride,
                       PdPixelFormat   format,
                       PdCodeSource    source,
                       GError        **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(PdGrey) full = NULL;
  g_autoptr(PdGrey) half = NULL;

  g_return_val_if_fail (PD_IS_SCANNER (self), NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_frame (width, height, stride, format, error))
    return NULL;

  codes = g_ptr_array_new_with_free_func (g_object_unref);
  full = pd_grey_new_from_pixels (pixels, width, height, stride, format);
  if (MIN (width, height) >= HALF_SIZE_MIN_LINES)
    half = pd_grey_half (full);

  scan_frame (self, full, half, source, codes);

  return g_steal_pointer (&codes);
}
