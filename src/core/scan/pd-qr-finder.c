/* pd-qr-finder.c: cheap search for QR finder patterns (private to scan)
 *
 * The costly passes of the scanner (full resolution, upscaled crops, contrast stretch)
 * would make every frame without a code slow. They run only where this finds at least
 * two finder patterns (the 1:1:3:1:1 squares in the corners of a QR code) that agree
 * on module size and distance, which also tells their region, scale and polarity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pd-qr-finder.h"

#define BLOCK 8
#define RADIUS 2
#define MIN_CONTRAST 20
#define MIN_RUN_CONTRAST 40
#define FLAT 2
#define MAX_CLUSTERS 256
#define MAX_REGIONS 3

typedef struct {
  double   x, y, module;
  gboolean inverted;
  guint    hits;
  gboolean grouped;
} Finder;

/* dark = 1, light = 0, FLAT where the neighbourhood has no contrast at all. */
static guint8 *
classify (const PdGrey *grey)
{
  g_autofree guint8 *lo = NULL;
  g_autofree guint8 *hi = NULL;
  guint8 *cls = g_malloc ((gsize) grey->width * grey->height);
  int bw, bh;

  pd_grey_local_range (grey, BLOCK, RADIUS, &lo, &hi, &bw, &bh);
  for (int y = 0; y < grey->height; y++)
    {
      const guint8 *row = grey->data + (gsize) y * grey->width;
      guint8 *out = cls + (gsize) y * grey->width;
      const guint8 *lo_row = lo + (y / BLOCK) * bw;
      const guint8 *hi_row = hi + (y / BLOCK) * bw;

      for (int x = 0; x < grey->width; x++)
        {
          int b = x / BLOCK;

          if (hi_row[b] - lo_row[b] < MIN_CONTRAST)
            out[x] = FLAT;
          else
            out[x] = row[x] * 2 < lo_row[b] + hi_row[b];
        }
    }
  return cls;
}

/* 1:1:3:1:1 within tolerance, in integers: it runs for every run of every row. */
static inline gboolean
is_finder_ratio (const int runs[5])
{
  int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];

  if (total < 7)
    return FALSE;
  for (int i = 0; i < 5; i += (i == 1 ? 2 : 1))
    if (abs (7 * runs[i] - total) * 5 > 3 * total)
      return FALSE;
  return abs (7 * runs[2] - 3 * total) * 5 < 8 * total;
}

/* Counts one run of class c along the column from row *y in direction dir. */
static int
column_run (const guint8 *cls,
            int           width,
            int           height,
            int           x,
            int          *y,
            int           dir,
            guint8        c,
            int           limit)
{
  int n = 0;

  while (*y >= 0 && *y < height && cls[(gsize) *y * width + x] == c && n <= limit)
    {
      n++;
      *y += dir;
    }
  return n;
}

/* The same pattern must show vertically through the centre of a horizontal hit. */
static gboolean
cross_check (const guint8 *cls,
             int           width,
             int           height,
             int           cx,
             int           y,
             int           htotal,
             double       *cy)
{
  guint8 c = cls[(gsize) y * width + cx];
  int runs[5], up = y, down = y + 1, total;

  runs[2] = column_run (cls, width, height, cx, &up, -1, c, htotal);
  runs[2] += column_run (cls, width, height, cx, &down, 1, c, htotal);
  *cy = (up + down) / 2.0;
  runs[1] = column_run (cls, width, height, cx, &up, -1, !c, htotal);
  runs[3] = column_run (cls, width, height, cx, &down, 1, !c, htotal);
  runs[0] = column_run (cls, width, height, cx, &up, -1, c, htotal);
  runs[4] = column_run (cls, width, height, cx, &down, 1, c, htotal);

  total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
  return is_finder_ratio (runs) && abs (total - htotal) < htotal * 0.6;
}

static void
add_hit (GArray   *finders,
         double    x,
         double    y,
         double    module,
         gboolean  inverted)
{
  Finder hit = { x, y, module, inverted, 1, FALSE };

  for (guint i = 0; i < finders->len; i++)
    {
      Finder *f = &g_array_index (finders, Finder, i);

      if (f->inverted == inverted && fabs (f->x - x) < 2 * f->module
          && fabs (f->y - y) < 2 * f->module && module < 1.5 * f->module
          && f->module < 1.5 * module)
        {
          f->x = (f->x * f->hits + x) / (f->hits + 1);
          f->y = (f->y * f->hits + y) / (f->hits + 1);
          f->module = (f->module * f->hits + module) / (f->hits + 1);
          f->hits++;
          return;
        }
    }
  if (finders->len < MAX_CLUSTERS)
    g_array_append_val (finders, hit);
}

/* Thresholding noise also yields 1:1:3:1:1 runs; real modules differ in brightness
 * by far more than noise does once averaged over a run. */
static gboolean
has_contrast (const guint8 *grey,
              const int     runs[5],
              const int     starts[5])
{
  int sums[2] = { 0, 0 }, counts[2] = { 0, 0 };

  for (int i = 0; i < 5; i++)
    for (int x = starts[i]; x < starts[i] + runs[i]; x++)
      {
        sums[i % 2] += grey[x];
        counts[i % 2]++;
      }
  return abs (sums[0] / counts[0] - sums[1] / counts[1]) >= MIN_RUN_CONTRAST;
}

static void
scan_row (const PdGrey *grey,
          const guint8 *cls,
          int           y,
          GArray       *finders)
{
  int width = grey->width, height = grey->height;
  const guint8 *row = cls + (gsize) y * width;
  const guint8 *pixels = grey->data + (gsize) y * width;
  int runs[5] = { 0 }, starts[5] = { 0 };
  guint8 kinds[5] = { FLAT, FLAT, FLAT, FLAT, FLAT };
  int x = 0;

  while (x < width)
    {
      int start = x;
      guint8 c = row[x];

      while (x < width && row[x] == c)
        x++;
      for (int i = 0; i < 4; i++)
        {
          runs[i] = runs[i + 1];
          starts[i] = starts[i + 1];
          kinds[i] = kinds[i + 1];
        }
      runs[4] = x - start;
      starts[4] = start;
      kinds[4] = c;

      if (kinds[2] != FLAT && kinds[1] != FLAT && kinds[0] == kinds[2] && kinds[4] == kinds[2]
          && kinds[1] == !kinds[2] && kinds[3] == kinds[1] && is_finder_ratio (runs)
          && has_contrast (pixels, runs, starts))
        {
          int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
          int cx = starts[2] + runs[2] / 2;
          double cy;

          if (cross_check (cls, width, height, cx, y, total, &cy))
            add_hit (finders, starts[2] + runs[2] / 2.0, cy, total / 7.0, kinds[2] == 0);
        }
    }
}

static gboolean
compatible (const Finder *a,
            const Finder *b)
{
  double m = (a->module + b->module) / 2;
  double d = hypot (a->x - b->x, a->y - b->y) / m;

  /* Finder centres are 14 (version 1) to 170 (version 40) modules apart, more on
   * the diagonal. */
  return a->inverted == b->inverted && !b->grouped && a->module < 1.6 * b->module
         && b->module < 1.6 * a->module && d >= 11 && d <= 250;
}

static void
add_region (GArray       *regions,
            const PdGrey *grey,
            Finder      **group,
            guint         n)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double module = 0, spread, margin;
  PdQrRegion region;

  for (guint i = 0; i < n; i++)
    {
      x0 = MIN (x0, group[i]->x);
      y0 = MIN (y0, group[i]->y);
      x1 = MAX (x1, group[i]->x);
      y1 = MAX (y1, group[i]->y);
      module += group[i]->module / n;
    }

  /* With two finders the third corner may lie a whole side further away. */
  spread = MAX (x1 - x0, y1 - y0);
  margin = (n >= 3 ? 0 : spread) + 9 * module;
  region.x = (int) MAX (0, x0 - margin);
  region.y = (int) MAX (0, y0 - margin);
  region.width = (int) MIN (grey->width, x1 + margin + 1) - region.x;
  region.height = (int) MIN (grey->height, y1 + margin + 1) - region.y;
  region.module = module;
  region.inverted = group[0]->inverted;
  g_array_append_val (regions, region);
}

static gint
compare_hits (gconstpointer a,
              gconstpointer b)
{
  return (int) ((const Finder *) b)->hits - (int) ((const Finder *) a)->hits;
}

/* Up to three regions that hold two or more consistent finder patterns, looking at
 * every row_step-th row. */
GArray *
pd_qr_finder_find_regions (const PdGrey *grey,
                           int           row_step)
{
  g_autofree guint8 *cls = classify (grey);
  g_autoptr(GArray) finders = g_array_new (FALSE, FALSE, sizeof (Finder));
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (PdQrRegion));

  for (int y = 0; y < grey->height; y += row_step)
    scan_row (grey, cls, y, finders);

  /* A real finder pattern crosses several rows; single hits are noise. */
  for (guint i = finders->len; i > 0; i--)
    if (g_array_index (finders, Finder, i - 1).hits < 2)
      g_array_remove_index_fast (finders, i - 1);
  g_array_sort (finders, compare_hits);

  for (guint i = 0; i < finders->len && regions->len < MAX_REGIONS; i++)
    {
      Finder *seed = &g_array_index (finders, Finder, i);
      Finder *group[8] = { seed };
      guint n = 1;

      if (seed->grouped)
        continue;
      for (guint j = i + 1; j < finders->len && n < G_N_ELEMENTS (group); j++)
        if (compatible (seed, &g_array_index (finders, Finder, j)))
          group[n++] = &g_array_index (finders, Finder, j);
      if (n < 2)
        continue;
      for (guint k = 0; k < n; k++)
        group[k]->grouped = TRUE;
      add_region (regions, grey, group, n);
    }
  return regions;
}
