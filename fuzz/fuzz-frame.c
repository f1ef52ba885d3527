/* fuzz-frame.c: arbitrary frames into PdScanner
 *
 * Input: width (2 bytes LE), height (2 bytes LE), pixel format, row padding, then
 * pixels (repeated to fill the frame). Frames up to 512 x 512; a last byte of 0xff
 * also asks for an oversized frame, which must be refused before any pixel is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-fuzz.h"
#include "pd-scanner.h"

#define HEADER 6
#define MAX_SIDE 512

int
pd_fuzz_frame (const uint8_t *data,
               size_t         size)
{
  static const int bytes_per_pixel[] = { 1, 3, 4, 4 };
  static PdScanner *scanner;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  int width, height, stride;
  PdPixelFormat format;
  gsize needed;

  if (size < HEADER)
    return 0;
  if (scanner == NULL)
    scanner = pd_scanner_new ();

  width = 1 + (data[0] | data[1] << 8) % MAX_SIDE;
  height = 1 + (data[2] | data[3] << 8) % MAX_SIDE;
  format = (PdPixelFormat) (data[4] % G_N_ELEMENTS (bytes_per_pixel));
  stride = width * bytes_per_pixel[format] + data[5] % 16;

  if (data[size - 1] == 0xff)
    {
      guint8 pixel = 0;

      codes = pd_scanner_scan_frame (scanner, &pixel, PD_SCANNER_MAX_SIZE + width, height,
                                     PD_SCANNER_MAX_SIZE + width, PD_PIXEL_FORMAT_GREY8,
                                     PD_CODE_SOURCE_CAMERA, &error);
      g_assert (codes == NULL && error != NULL);
      return 0;
    }

  needed = (gsize) stride * height;
  pixels = g_malloc (needed);
  if (size > HEADER)
    for (gsize i = 0; i < needed; i++)
      pixels[i] = data[HEADER + i % (size - HEADER)];
  else
    memset (pixels, 0xff, needed);

  codes = pd_scanner_scan_frame (scanner, pixels, width, height, stride, format,
                                 PD_CODE_SOURCE_CAMERA, &error);
  g_assert (codes != NULL && error == NULL);
  for (guint i = 0; i < codes->len; i++)
    g_assert (pd_code_get_text (g_ptr_array_index (codes, i)) != NULL);
  return 0;
}

#ifndef PD_FUZZ_NO_MAIN
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return pd_fuzz_frame (data, size);
}
#endif
