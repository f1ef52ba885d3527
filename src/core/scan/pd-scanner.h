/* pd-scanner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-code.h"

G_BEGIN_DECLS

typedef enum
{
  PD_PIXEL_FORMAT_GREY8,
  PD_PIXEL_FORMAT_RGB24,
  PD_PIXEL_FORMAT_RGBA32,
  PD_PIXEL_FORMAT_BGRA32, /* GStreamer BGRx/BGRA */
} PdPixelFormat;

typedef enum
{
  PD_SCAN_ERROR_INVALID_FRAME,
  PD_SCAN_ERROR_UNSUPPORTED,
  PD_SCAN_ERROR_TOO_LARGE,
  PD_SCAN_ERROR_CORRUPT,
  PD_SCAN_ERROR_NO_CODE,
} PdScanError;

#define PD_SCAN_ERROR (pd_scan_error_quark ())
GQuark pd_scan_error_quark (void);

#define PD_TYPE_SCANNER (pd_scanner_get_type ())
G_DECLARE_FINAL_TYPE (PdScanner, pd_scanner, PD, SCANNER, GObject)

PdScanner *pd_scanner_new        (void);
GPtrArray *pd_scanner_scan_frame (PdScanner     *self,
                                  const guint8  *pixels,
                                  int            width,
                                  int            height,
                                  int            stride,
                                  PdPixelFormat  format,
                                  PdCodeSource   source,
                                  GError       **error);

G_END_DECLS
