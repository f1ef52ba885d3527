/* qr-gen.c: QR codes drawn into grey frames, and the ways real pictures degrade them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "qr-gen.h"

QrFrame *
qr_frame_new (int    width,
              int    height,
              guint8 fill)
{
  QrFrame *frame = g_new0 (QrFrame, 1);

  frame->pixels = g_malloc ((gsize) width * height);
  frame->width = width;
  frame->height = height;
  memset (frame->pixels, fill, (gsize) width * height);
  return frame;
}

void
qr_frame_free (QrFrame *frame)
{
  if (frame == NULL)
    return;
  g_free (frame->pixels);
  g_free (frame);
}

QrFrame *
qr_frame_copy (const QrFrame *frame)
{
  QrFrame *copy = qr_frame_new (frame->width, frame->height, 0);

  memcpy (copy->pixels, frame->pixels, (gsize) frame->width * frame->height);
  return copy;
}

static double
value_noise (const double *grid,
             int           gw,
             double        x,
             double        y)
{
  int x0 = (int) x, y0 = (int) y;
  double fx = x - x0, fy = y - y0;
  double a = grid[y0 * gw + x0], b = grid[y0 * gw + x0 + 1];
  double c = grid[(y0 + 1) * gw + x0], d = grid[(y0 + 1) * gw + x0 + 1];

  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/* A busy scene: smooth shading, sharp-edged shapes and sensor noise, as a camera
 * sees a desk when nobody holds up a code. */
void
qr_frame_texture (QrFrame *frame,
                  GRand   *rand)
{
  const int cells[] = { 96, 12 };
  const double weights[] = { 110, 40 };

  memset (frame->pixels, 0, (gsize) frame->width * frame->height);
  for (guint o = 0; o < G_N_ELEMENTS (cells); o++)
    {
      int gw = frame->width / cells[o] + 2, gh = frame->height / cells[o] + 2;
      g_autofree double *grid = g_new (double, gw * gh);

      for (int i = 0; i < gw * gh; i++)
        grid[i] = g_rand_double (rand);
      for (int y = 0; y < frame->height; y++)
        for (int x = 0; x < frame->width; x++)
          {
            guint8 *p = &frame->pixels[y * frame->width + x];
            double v = value_noise (grid, gw, (double) x / cells[o], (double) y / cells[o]);

            *p = (guint8) MIN (255, *p + v * weights[o] + (o == 0 ? 40 : 0));
          }
    }

  for (int i = 0; i < 40; i++)
    {
      int w = g_rand_int_range (rand, 4, frame->width / 4);
      int h = g_rand_int_range (rand, 4, frame->height / 4);
      int x0 = g_rand_int_range (rand, 0, frame->width - w);
      int y0 = g_rand_int_range (rand, 0, frame->height - h);
      guint8 v = (guint8) g_rand_int_range (rand, 0, 256);

      for (int y = y0; y < y0 + h; y++)
        memset (frame->pixels + (gsize) y * frame->width + x0, v, w);
    }
  qr_gen_noise (frame, 8, rand);
}

/* Byte mode only: the bytes come back exactly as given. */
QRcode *
qr_gen_encode (const guint8 *data,
               gsize         len)
{
  return QRcode_encodeData ((int) len, data, 0, QR_ECLEVEL_M);
}

/* Mixed modes (numeric, alphanumeric, byte) as a real encoder picks them. */
QRcode *
qr_gen_encode_text (const char *text)
{
  return QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

QrPlacement
qr_gen_placement (double module,
                  double cx,
                  double cy)
{
  QrPlacement p = { module, 4, cx, cy, 0, 0, 0, 255 };

  return p;
}

typedef struct {
  double m[9];
} Homography;

/* Unit square (0,0) (1,0) (1,1) (0,1) to the quad q (Heckbert). */
static Homography
square_to_quad (const PdPoint q[4])
{
  double sx = q[0].x - q[1].x + q[2].x - q[3].x, sy = q[0].y - q[1].y + q[2].y - q[3].y;
  double dx1 = q[1].x - q[2].x, dx2 = q[3].x - q[2].x;
  double dy1 = q[1].y - q[2].y, dy2 = q[3].y - q[2].y;
  double den = dx1 * dy2 - dx2 * dy1;
  double g = (sx * dy2 - dx2 * sy) / den, h = (dx1 * sy - sx * dy1) / den;
  Homography H = { {
    q[1].x - q[0].x + g * q[1].x, q[3].x - q[0].x + h * q[3].x, q[0].x,
    q[1].y - q[0].y + g * q[1].y, q[3].y - q[0].y + h * q[3].y, q[0].y,
    g, h, 1,
  } };

  return H;
}

static Homography
invert (const Homography *H)
{
  const double *m = H->m;
  double a = m[4] * m[8] - m[5] * m[7], b = m[5] * m[6] - m[3] * m[8], c = m[3] * m[7] - m[4] * m[6];
  double det = m[0] * a + m[1] * b + m[2] * c;
  Homography I = { {
    a / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
    b / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
    c / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
  } };

  return I;
}

static PdPoint
apply (const Homography *H,
       double            x,
       double            y)
{
  const double *m = H->m;
  double w = m[6] * x + m[7] * y + m[8];
  PdPoint p = { (m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w };

  return p;
}

static gboolean
module_is_dark (const QRcode *qr,
                int           quiet,
                PdPoint       uv)
{
  int total = qr->width + 2 * quiet;
  int mx = (int) floor (uv.x * total) - quiet, my = (int) floor (uv.y * total) - quiet;

  return mx >= 0 && my >= 0 && mx < qr->width && my < qr->width
         && (qr->data[my * qr->width + mx] & 1);
}

/* Draws the code with its quiet zone, antialiased (4x4 samples per pixel); corners
 * receives the symbol's corners (without quiet zone) in frame pixels. */
void
qr_gen_draw (QrFrame           *frame,
             const QRcode      *qr,
             const QrPlacement *p,
             PdPoint            corners[4])
{
  int total = qr->width + 2 * p->quiet;
  double s = total * p->module / 2, rad = p->angle * G_PI / 180;
  double shape[4][2] = { { -s * (1 - p->perspective), -s }, { s * (1 - p->perspective), -s },
                         { s * (1 + p->perspective), s }, { -s * (1 + p->perspective), s } };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  PdPoint quad[4];
  Homography H, Hinv;

  for (int i = 0; i < 4; i++)
    {
      quad[i].x = p->cx + shape[i][0] * cos (rad) - shape[i][1] * sin (rad);
      quad[i].y = p->cy + shape[i][0] * sin (rad) + shape[i][1] * cos (rad);
      x0 = MIN (x0, quad[i].x);
      y0 = MIN (y0, quad[i].y);
      x1 = MAX (x1, quad[i].x);
      y1 = MAX (y1, quad[i].y);
    }
  H = square_to_quad (quad);
  Hinv = invert (&H);

  for (int y = MAX (0, (int) y0); y < MIN (frame->height, (int) ceil (y1)); y++)
    for (int x = MAX (0, (int) x0); x < MIN (frame->width, (int) ceil (x1)); x++)
      {
        int dark = 0, inside = 0;

        for (int sy = 0; sy < 4; sy++)
          for (int sx = 0; sx < 4; sx++)
            {
              PdPoint uv = apply (&Hinv, x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);

              if (uv.x < 0 || uv.y < 0 || uv.x >= 1 || uv.y >= 1)
                continue;
              inside++;
              dark += module_is_dark (qr, p->quiet, uv);
            }
        if (inside > 0)
          {
            guint8 *px = &frame->pixels[y * frame->width + x];
            double code = (dark * p->dark + (inside - dark) * p->light) / (double) inside;

            *px = (guint8) lround ((code * inside + *px * (16 - inside)) / 16);
          }
      }

  if (corners != NULL)
    {
      double a = (double) p->quiet / total, b = (double) (p->quiet + qr->width) / total;

      corners[0] = apply (&H, a, a);
      corners[1] = apply (&H, b, a);
      corners[2] = apply (&H, b, b);
      corners[3] = apply (&H, a, b);
    }
}

/* A white frame with the text's code in the middle. */
QrFrame *
qr_gen_frame_for_text (const char *text,
                       int         width,
                       int         height,
                       double      module)
{
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) text, strlen (text));
  QrFrame *frame = qr_frame_new (width, height, 255);
  QrPlacement p = qr_gen_placement (module, width / 2.0, height / 2.0);

  g_assert_nonnull (qr);
  qr_gen_draw (frame, qr, &p, NULL);
  return frame;
}

static void
blur_line (const double *src,
           double       *dst,
           int           n,
           int           step,
           const double *kernel,
           int           radius)
{
  for (int i = 0; i < n; i++)
    {
      double sum = 0;

      for (int k = -radius; k <= radius; k++)
        sum += src[CLAMP (i + k, 0, n - 1) * step] * kernel[k + radius];
      dst[i * step] = sum;
    }
}

void
qr_gen_blur (QrFrame *frame,
             double   sigma)
{
  int radius = (int) ceil (3 * sigma), w = frame->width, h = frame->height;
  g_autofree double *kernel = g_new (double, 2 * radius + 1);
  g_autofree double *a = g_new (double, (gsize) w * h);
  g_autofree double *b = g_new (double, (gsize) w * h);
  double sum = 0;

  for (int k = -radius; k <= radius; k++)
    sum += kernel[k + radius] = exp (-k * k / (2 * sigma * sigma));
  for (int k = 0; k <= 2 * radius; k++)
    kernel[k] /= sum;

  for (gsize i = 0; i < (gsize) w * h; i++)
    a[i] = frame->pixels[i];
  for (int y = 0; y < h; y++)
    blur_line (a + (gsize) y * w, b + (gsize) y * w, w, 1, kernel, radius);
  for (int x = 0; x < w; x++)
    blur_line (b + x, a + x, h, w, kernel, radius);
  for (gsize i = 0; i < (gsize) w * h; i++)
    frame->pixels[i] = (guint8) CLAMP (lround (a[i]), 0, 255);
}

static double
gaussian (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

void
qr_gen_noise (QrFrame *frame,
              double   sigma,
              GRand   *rand)
{
  for (gsize i = 0; i < (gsize) frame->width * frame->height; i++)
    {
      long v = lround (frame->pixels[i] + sigma * gaussian (rand));

      frame->pixels[i] = (guint8) CLAMP (v, 0, 255);
    }
}

void
qr_gen_invert (QrFrame *frame)
{
  for (gsize i = 0; i < (gsize) frame->width * frame->height; i++)
    frame->pixels[i] = 255 - frame->pixels[i];
}

/* Squeezes the whole range into lo..hi. */
void
qr_gen_contrast (QrFrame *frame,
                 guint8   lo,
                 guint8   hi)
{
  for (gsize i = 0; i < (gsize) frame->width * frame->height; i++)
    frame->pixels[i] = (guint8) (lo + frame->pixels[i] * (hi - lo) / 255);
}

/* A bright reflection fading out from (cx, cy); pixels clip at white. */
void
qr_gen_glare (QrFrame *frame,
              double   cx,
              double   cy,
              double   radius,
              double   strength)
{
  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      {
        double d = hypot (x - cx, y - cy) / radius;
        guint8 *p = &frame->pixels[y * frame->width + x];

        *p = (guint8) MIN (255, *p + strength * MAX (0, 1 - d));
      }
}

static GdkPixbuf *
to_pixbuf (const QrFrame *frame)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, frame->width, frame->height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      memset (pixels + y * stride + 3 * x, frame->pixels[y * frame->width + x], 3);
  return pixbuf;
}

void
qr_gen_jpeg (QrFrame *frame,
             int      quality)
{
  g_autoptr(GdkPixbuf) pixbuf = to_pixbuf (frame);
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  GdkPixbuf *decoded;
  gsize len;

  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "jpeg", &error, "quality", q, NULL);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write (loader, (const guint8 *) buffer, len, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  decoded = gdk_pixbuf_loader_get_pixbuf (loader);

  for (int y = 0; y < frame->height; y++)
    for (int x = 0; x < frame->width; x++)
      frame->pixels[y * frame->width + x] =
        gdk_pixbuf_get_pixels (decoded)[y * gdk_pixbuf_get_rowstride (decoded)
                                        + x * gdk_pixbuf_get_n_channels (decoded)];
}

/* The whole frame resampled (bilinear), as a camera of another resolution sees it. */
QrFrame *
qr_gen_scaled (const QrFrame *frame,
               double         factor)
{
  int w = (int) lround (frame->width * factor), h = (int) lround (frame->height * factor);
  g_autoptr(GdkPixbuf) pixbuf = to_pixbuf (frame);
  g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_scale_simple (pixbuf, w, h, GDK_INTERP_BILINEAR);
  QrFrame *out = qr_frame_new (w, h, 0);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      out->pixels[y * w + x] = gdk_pixbuf_get_pixels (scaled)[y * gdk_pixbuf_get_rowstride (scaled) + 3 * x];
  return out;
}

gboolean
qr_gen_save_png (const QrFrame *frame,
                 const char    *path)
{
  g_autoptr(GdkPixbuf) pixbuf = to_pixbuf (frame);

  return gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);
}

gboolean
qr_gen_save_jpeg (const QrFrame *frame,
                  const char    *path,
                  int            quality)
{
  g_autoptr(GdkPixbuf) pixbuf = to_pixbuf (frame);
  g_autofree char *q = g_strdup_printf ("%d", quality);

  return gdk_pixbuf_save (pixbuf, path, "jpeg", NULL, "quality", q, NULL);
}
