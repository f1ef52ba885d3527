/* test-scan-memory.c: a scanner decoding for a long time does not grow
 *
 * ZBar 0.23.92 leaks about 144 bytes per decode in a long-lived scanner (an hour
 * of camera at 30 fps is 15 MB); PdScanner recreates it, and this watches that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <unistd.h>

#include "pd-scanner.h"
#include "qr-gen.h"

#define WARM_UP 300
#define DECODES 4000
#define MAX_GROWTH_KIB 256

static long
rss_kib (void)
{
  g_autofree char *statm = NULL;
  long size, resident;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%ld %ld", &size, &resident), ==, 2);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static void
decode_frames (PdScanner     *scanner,
               const QrFrame *frame,
               guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) codes = NULL;

      codes = pd_scanner_scan_frame (scanner, frame->pixels, frame->width, frame->height,
                                     frame->width, PD_PIXEL_FORMAT_GREY8, PD_CODE_SOURCE_CAMERA,
                                     NULL);
      g_assert_cmpuint (codes->len, ==, 1);
    }
}

static void
test_rss_stays_flat (void)
{
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("memory", 320, 240, 4);
  long before, after;

  decode_frames (scanner, frame, WARM_UP);
  before = rss_kib ();
  decode_frames (scanner, frame, DECODES);
  after = rss_kib ();

  g_test_message ("RSS %ld KiB -> %ld KiB after %d decodes", before, after, DECODES);
  g_assert_cmpint (after - before, <, MAX_GROWTH_KIB);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/memory/rss-stays-flat-over-thousands-of-decodes", test_rss_stays_flat);

  return g_test_run ();
}
