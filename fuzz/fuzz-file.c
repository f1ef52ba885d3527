/* fuzz-file.c: arbitrary files into pd_scan_file()
 *
 * Input: the first byte picks the file name's extension (loaders must not trust it),
 * the rest is the file. Every outcome must be codes or a GError: no crash, no hang.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <unistd.h>
#include <glib/gstdio.h>

#include "pd-fuzz.h"
#include "pd-scan-file.h"

int
pd_fuzz_file (const uint8_t *data,
              size_t         size)
{
  static const char *extensions[] = { "png", "jpg", "pdf", "gif", "bmp", "tiff", "ico", "txt" };
  static PdScanner *scanner;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  if (size < 1)
    return 0;
  if (scanner == NULL)
    scanner = pd_scanner_new ();

  name = g_strdup_printf ("pd-fuzz-file-%d.%s", (int) getpid (),
                          extensions[data[0] % G_N_ELEMENTS (extensions)]);
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  if (!g_file_set_contents (path, (const char *) data + 1, (gssize) size - 1, NULL))
    return 0;

  codes = pd_scan_file (scanner, path, NULL, &error);
  g_assert ((codes == NULL) != (error == NULL));
  g_assert (codes == NULL || codes->len > 0);
  g_unlink (path);
  return 0;
}

#ifndef PD_FUZZ_NO_MAIN
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return pd_fuzz_file (data, size);
}
#endif
