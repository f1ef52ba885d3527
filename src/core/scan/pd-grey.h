/* pd-grey.h: packed 8-bit grey planes, the only input ZBar takes (private to scan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-scanner.h"

G_BEGIN_DECLS

/* A plane remembers where it lies in the original frame, so corners found in a
 * downscaled, cropped or upscaled plane map back: frame = origin + scale * plane. */
typedef struct {
  guint8 *data; /* width * height bytes, no padding */
  int     width;
  int     height;
  double  origin_x;
  double  origin_y;
  double  scale;
} PdGrey;

PdGrey  *pd_grey_new             (int            width,
                                  int            height);
void     pd_grey_free            (PdGrey        *self);
PdGrey  *pd_grey_new_from_pixels (const guint8  *pixels,
                                  int            width,
                                  int            height,
                                  int            stride,
                                  PdPixelFormat  format);
PdGrey  *pd_grey_half            (const PdGrey  *self);
PdGrey  *pd_grey_copy            (const PdGrey  *self);
void     pd_grey_invert          (PdGrey        *self);
PdGrey  *pd_grey_crop_scaled     (const PdGrey  *self,
                                  int            x,
                                  int            y,
                                  int            width,
                                  int            height,
                                  double         factor);
void     pd_grey_stretch         (PdGrey        *self);
void     pd_grey_local_range     (const PdGrey  *self,
                                  int            block,
                                  int            radius,
                                  guint8       **mins,
                                  guint8       **maxs,
                                  int           *blocks_x,
                                  int           *blocks_y);
PdPoint  pd_grey_to_frame        (const PdGrey  *self,
                                  double         x,
                                  double         y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdGrey, pd_grey_free)

G_END_DECLS
