/* pd-qr-finder.h: cheap search for QR finder patterns (private to scan)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-grey.h"

G_BEGIN_DECLS

/* Where a QR code probably is, in the pixels of the plane searched. */
typedef struct {
  int      x, y, width, height;
  double   module;   /* estimated module size in plane pixels */
  gboolean inverted; /* light modules on a dark ground */
} PdQrRegion;

GArray *pd_qr_finder_find_regions (const PdGrey *grey,
                                   int           row_step);

G_END_DECLS
