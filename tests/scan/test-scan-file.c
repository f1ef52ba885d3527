/* test-scan-file.c: images and PDFs in, codes or clear errors out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "pd-scan-file.h"
#include "pd-test-util.h"
#include "qr-gen.h"
#include "scan-fixtures.h"

#define CHINESE "张伟 外国人工作许可 电子社保卡"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pd_test_make_tmpdir ("pd-scan-file-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pd_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
assert_file_gives (const char *path,
                   const char *text,
                   int         page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = pd_scan_file (NULL, path, NULL, &error);
  PdCode *code;

  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 1);
  code = g_ptr_array_index (codes, 0);
  g_assert_cmpstr (pd_code_get_text (code), ==, text);
  g_assert_cmpstr (pd_code_get_file (code), ==, path);
  g_assert_cmpint (pd_code_get_page (code), ==, page);
  g_assert_cmpint (pd_code_get_source (code), ==, page > 0 ? PD_CODE_SOURCE_PDF
                                                           : PD_CODE_SOURCE_IMAGE);
}

static void
assert_file_error (const char  *path,
                   GQuark       domain,
                   int          code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  GPtrArray *codes = pd_scan_file (NULL, path, NULL, &error);

  g_assert_null (codes);
  g_assert_error (error, domain, code);
  /* The message tells the user which file it is about. */
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = path_in (f, "code.png");
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text (CHINESE, 900, 700, 5);

  g_assert_true (qr_gen_save_png (frame, path));
  assert_file_gives (path, CHINESE, 0);
}

static void
test_jpeg (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = path_in (f, "photo.jpg");
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("110105199001011234", 1600, 1200, 9);

  qr_gen_blur (frame, 1.5);
  g_assert_true (qr_gen_save_jpeg (frame, path, 50));
  assert_file_gives (path, "110105199001011234", 0);
}

static void
test_pdf_page_two (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = path_in (f, "notice.pdf");

  scan_fixture_write_pdf (path, CHINESE, 2, 3);
  assert_file_gives (path, CHINESE, 2);
}

static void
on_scanned_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pd_scan_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = path_in (f, "code.png");
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("async", 640, 480, 6);
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (qr_gen_save_png (frame, path));
  pd_scan_file_async (path, NULL, on_scanned_cb, &codes);
  while (codes == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (pd_code_get_text (g_ptr_array_index (codes, 0)), ==, "async");
}

static void
write_file (const char *path,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *empty = path_in (f, "empty.png");
  g_autofree char *text = path_in (f, "notes.png");
  g_autofree char *truncated = path_in (f, "truncated.png");
  g_autofree char *huge = path_in (f, "huge.png");
  g_autofree char *blank = path_in (f, "blank.png");
  g_autofree char *bad_pdf = path_in (f, "broken.pdf");
  g_autofree char *missing = path_in (f, "missing.png");
  g_autofree char *png_data = NULL;
  g_autofree char *pdf_data = NULL;
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("truncated", 600, 600, 8);
  g_autoptr(QrFrame) white = qr_frame_new (300, 200, 255);
  g_autoptr(GBytes) header = scan_fixture_png_header (100000, 100000);
  gsize len;

  write_file (empty, "", 0);
  assert_file_error (empty, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT);

  write_file (text, "This is not a picture.\n", 23);
  assert_file_error (text, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED);

  g_assert_true (qr_gen_save_png (frame, truncated));
  g_assert_true (g_file_get_contents (truncated, &png_data, &len, NULL));
  write_file (truncated, png_data, len / 2);
  assert_file_error (truncated, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT);

  write_file (huge, g_bytes_get_data (header, NULL), g_bytes_get_size (header));
  assert_file_error (huge, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE);

  g_assert_true (qr_gen_save_png (white, blank));
  assert_file_error (blank, PD_SCAN_ERROR, PD_SCAN_ERROR_NO_CODE);

  scan_fixture_write_pdf (bad_pdf, "broken", 1, 1);
  g_assert_true (g_file_get_contents (bad_pdf, &pdf_data, &len, NULL));
  write_file (bad_pdf, pdf_data, 40);
  assert_file_error (bad_pdf, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT);

  assert_file_error (missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_file_error (f->dir, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED);
}

/* The file is opened once and read from that descriptor, at most one byte past the
 * limit: a FIFO neither blocks nor is read, a sparse 2 GB file is refused after 100 MB. */
static void
test_special_and_huge_files (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *fifo = path_in (f, "pipe.png");
  g_autofree char *sparse = path_in (f, "sparse.pdf");
  FILE *file;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_file_error (fifo, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED);

  file = fopen (sparse, "w");
  g_assert_nonnull (file);
  fputs ("%PDF-1.4\n", file);
  g_assert_cmpint (ftruncate (fileno (file), (off_t) 2 * 1024 * 1024 * 1024), ==, 0);
  fclose (file);
  assert_file_error (sparse, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scan/file/png-code-is-read", test_png);
  ADD ("/scan/file/jpeg-photo-code-is-read", test_jpeg);
  ADD ("/scan/file/pdf-code-on-page-2-reports-page-2", test_pdf_page_two);
  ADD ("/scan/file/async-scan-returns-codes", test_async);
  ADD ("/scan/file/bad-files-give-clear-errors", test_bad_files);
  ADD ("/scan/file/special-and-huge-files-are-refused", test_special_and_huge_files);
#undef ADD

  return g_test_run ();
}
