/* pd-grey.c: packed 8-bit grey planes, the only input ZBar takes (private to scan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-grey.h"

/* Below this spread a neighbourhood is flat: stretching it would only amplify noise. */
#define STRETCH_MIN_SPREAD 16

PdGrey *
pd_grey_new (int width,
             int height)
{
  PdGrey *self = g_new0 (PdGrey, 1);

  g_assert (width > 0 && height > 0);

  self->data = g_malloc ((gsize) width * height);
  self->width = width;
  self->height = height;
  self->scale = 1.0;
  return self;
}

void
pd_grey_free (PdGrey *self)
{
  if (self == NULL)
    return;
  g_free (self->data);
  g_free (self);
}

static inline guint8
luma (guint r,
      guint g,
      guint b)
{
  return (guint8) ((77 * r + 150 * g + 29 * b) >> 8);
}

/* Any stride and layout to packed grey; the caller checked sizes. */
PdGrey *
pd_grey_new_from_pixels (const guint8  *pixels,
                         int            width,
                         int            height,
                         int            stride,
                         PdPixelFormat  format)
{
  PdGrey *self = pd_grey_new (width, height);

  for (int y = 0; y < height; y++)
    {
      const guint8 *src = pixels + (gsize) y * stride;
      guint8 *dst = self->data + (gsize) y * width;

      switch (format)
        {
        case PD_PIXEL_FORMAT_GREY8:
          memcpy (dst, src, width);
          break;
        case PD_PIXEL_FORMAT_RGB24:
          for (int x = 0; x < width; x++, src += 3)
            dst[x] = luma (src[0], src[1], src[2]);
          break;
        case PD_PIXEL_FORMAT_RGBA32:
          for (int x = 0; x < width; x++, src += 4)
            dst[x] = luma (src[0], src[1], src[2]);
          break;
        case PD_PIXEL_FORMAT_BGRA32:
          for (int x = 0; x < width; x++, src += 4)
            dst[x] = luma (src[2], src[1], src[0]);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return self;
}

/* 2x2 averaging: halves the cost and the noise, keeps codes with modules of 4+ px. */
PdGrey *
pd_grey_half (const PdGrey *self)
{
  int w = self->width / 2, h = self->height / 2;
  PdGrey *half;

  g_assert (w > 0 && h > 0);

  half = pd_grey_new (w, h);
  half->origin_x = self->origin_x;
  half->origin_y = self->origin_y;
  half->scale = self->scale * 2;

  for (int y = 0; y < h; y++)
    {
      const guint8 *a = self->data + (gsize) (2 * y) * self->width;
      const guint8 *b = a + self->width;
      guint8 *dst = half->data + (gsize) y * w;

      for (int x = 0; x < w; x++)
        dst[x] = (guint8) ((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
    }
  return half;
}

PdGrey *
pd_grey_copy (const PdGrey *self)
{
  PdGrey *copy = pd_grey_new (self->width, self->height);

  memcpy (copy->data, self->data, (gsize) self->width * self->height);
  copy->origin_x = self->origin_x;
  copy->origin_y = self->origin_y;
  copy->scale = self->scale;
  return copy;
}

/* Light-on-dark codes (a phone in dark mode) become ordinary ones. */
void
pd_grey_invert (PdGrey *self)
{
  gsize n = (gsize) self->width * self->height;

  for (gsize i = 0; i < n; i++)
    self->data[i] = 255 - self->data[i];
}

static inline double
sample (const PdGrey *self,
        double        x,
        double        y)
{
  int x0, y0, x1, y1;
  double fx, fy, top, bottom;

  x = CLAMP (x, 0, self->width - 1);
  y = CLAMP (y, 0, self->height - 1);
  x0 = (int) x;
  y0 = (int) y;
  x1 = MIN (x0 + 1, self->width - 1);
  y1 = MIN (y0 + 1, self->height - 1);
  fx = x - x0;
  fy = y - y0;

  top = self->data[y0 * self->width + x0] * (1 - fx) + self->data[y0 * self->width + x1] * fx;
  bottom = self->data[y1 * self->width + x0] * (1 - fx) + self->data[y1 * self->width + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}

/* A region resampled by factor (bilinear): small codes get modules ZBar can see. */
PdGrey *
pd_grey_crop_scaled (const PdGrey *self,
                     int           x,
                     int           y,
                     int           width,
                     int           height,
                     double        factor)
{
  int w = MAX (1, (int) lround (width * factor));
  int h = MAX (1, (int) lround (height * factor));
  PdGrey *crop;

  g_assert (x >= 0 && y >= 0 && x + width <= self->width && y + height <= self->height);
  g_assert (factor > 0);

  crop = pd_grey_new (w, h);
  crop->origin_x = self->origin_x + self->scale * x;
  crop->origin_y = self->origin_y + self->scale * y;
  crop->scale = self->scale / factor;

  for (int j = 0; j < h; j++)
    {
      double sy = y + (j + 0.5) / factor - 0.5;

      for (int i = 0; i < w; i++)
        crop->data[(gsize) j * w + i] =
          (guint8) lround (sample (self, x + (i + 0.5) / factor - 0.5, sy));
    }
  return crop;
}

static void
dilate_blocks (guint8   *values,
               int       bw,
               int       bh,
               int       radius,
               gboolean  take_max)
{
  g_autofree guint8 *tmp = g_malloc ((gsize) bw * bh);

  for (int pass = 0; pass < 2; pass++)
    {
      const guint8 *src = pass == 0 ? values : tmp;
      guint8 *dst = pass == 0 ? tmp : values;

      for (int by = 0; by < bh; by++)
        for (int bx = 0; bx < bw; bx++)
          {
            guint8 v = src[by * bw + bx];

            for (int d = -radius; d <= radius; d++)
              {
                int nx = pass == 0 ? CLAMP (bx + d, 0, bw - 1) : bx;
                int ny = pass == 0 ? by : CLAMP (by + d, 0, bh - 1);
                guint8 n = src[ny * bw + nx];

                v = take_max ? MAX (v, n) : MIN (v, n);
              }
            dst[by * bw + bx] = v;
          }
    }
}

/* Minimum and maximum over the (2 radius + 1)^2 blocks around each block. */
void
pd_grey_local_range (const PdGrey  *self,
                     int            block,
                     int            radius,
                     guint8       **mins,
                     guint8       **maxs,
                     int           *blocks_x,
                     int           *blocks_y)
{
  int bw = (self->width + block - 1) / block;
  int bh = (self->height + block - 1) / block;
  guint8 *lo = g_malloc ((gsize) bw * bh);
  guint8 *hi = g_malloc0 ((gsize) bw * bh);

  memset (lo, 255, (gsize) bw * bh);
  for (int y = 0; y < self->height; y++)
    {
      const guint8 *row = self->data + (gsize) y * self->width;
      guint8 *lo_row = lo + (y / block) * bw;
      guint8 *hi_row = hi + (y / block) * bw;

      for (int b = 0; b < bw; b++)
        {
          int end = MIN (self->width, (b + 1) * block);
          guint8 l = lo_row[b], h = hi_row[b];

          for (int x = b * block; x < end; x++)
            {
              l = MIN (l, row[x]);
              h = MAX (h, row[x]);
            }
          lo_row[b] = l;
          hi_row[b] = h;
        }
    }
  dilate_blocks (lo, bw, bh, radius, FALSE);
  dilate_blocks (hi, bw, bh, radius, TRUE);

  *mins = lo;
  *maxs = hi;
  *blocks_x = bw;
  *blocks_y = bh;
}

/* Local contrast stretch: faint codes and codes under a glare gradient get full range. */
void
pd_grey_stretch (PdGrey *self)
{
  g_autofree guint8 *lo = NULL;
  g_autofree guint8 *hi = NULL;
  int bw, bh;

  pd_grey_local_range (self, 8, 2, &lo, &hi, &bw, &bh);
  for (int y = 0; y < self->height; y++)
    {
      guint8 *row = self->data + (gsize) y * self->width;

      for (int x = 0; x < self->width; x++)
        {
          int b = (y / 8) * bw + x / 8;
          int spread = hi[b] - lo[b];

          if (spread < STRETCH_MIN_SPREAD)
            row[x] = 255;
          else
            row[x] = (guint8) CLAMP ((row[x] - lo[b]) * 255 / spread, 0, 255);
        }
    }
}

/* Pixel (x, y) of this plane in the pixel coordinates of the original frame. */
PdPoint
pd_grey_to_frame (const PdGrey *self,
                  double        x,
                  double        y)
{
  PdPoint p = {
    self->origin_x + self->scale * (x + 0.5) - 0.5,
    self->origin_y + self->scale * (y + 0.5) - 0.5,
  };

  return p;
}
