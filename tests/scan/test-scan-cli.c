/* test-scan-cli.c: permitdesk --decode prints one JSON object per line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <json-glib/json-glib.h>

#include "pd-scan-cli.h"
#include "pd-test-util.h"
#include "qr-gen.h"
#include "scan-fixtures.h"

#define CHINESE "张伟 外国人工作许可 电子社保卡"

/* Runs the command on files; returns its exit status and the lines it printed. */
static int
decode (const char * const *files,
        GPtrArray          *objects)
{
  char *buffer = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&buffer, &size);
  g_auto(GStrv) lines = NULL;
  int status;

  status = pd_scan_cli_decode (files, out);
  fclose (out);

  lines = g_strsplit (buffer, "\n", -1);
  free (buffer);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  return status;
}

static void
test_codes_and_errors (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-scan-cli-XXXXXX");
  g_autofree char *png = g_build_filename (dir, "code.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "notice.pdf", NULL);
  g_autofree char *blank = g_build_filename (dir, "blank.png", NULL);
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("110105199001011234", 640, 480, 6);
  g_autoptr(QrFrame) white = qr_frame_new (64, 64, 255);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *files[] = { png, pdf, blank, NULL };
  JsonObject *o;
  JsonArray *corners;

  g_assert_true (qr_gen_save_png (frame, png));
  g_assert_true (qr_gen_save_png (white, blank));
  scan_fixture_write_pdf (pdf, CHINESE, 2, 2);

  g_assert_cmpint (decode (files, objects), ==, 1);
  g_assert_cmpuint (objects->len, ==, 3);

  o = g_ptr_array_index (objects, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, png);
  g_assert_true (json_object_get_null_member (o, "page"));
  g_assert_cmpstr (json_object_get_string_member (o, "symbology"), ==, "QR-Code");
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, "110105199001011234");
  corners = json_object_get_array_member (o, "corners");
  g_assert_cmpuint (json_array_get_length (corners), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (corners, 0)), ==, 2);

  o = g_ptr_array_index (objects, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, pdf);
  g_assert_cmpint (json_object_get_int_member (o, "page"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "text"), ==, CHINESE);

  o = g_ptr_array_index (objects, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, blank);
  g_assert_true (json_object_has_member (o, "error"));
  g_assert_false (json_object_has_member (o, "text"));

  pd_test_rm_rf (dir);
}

static void
test_all_found_is_success (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-scan-cli-XXXXXX");
  g_autofree char *png = g_build_filename (dir, "code.png", NULL);
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("ok", 320, 240, 6);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *files[] = { png, NULL };

  g_assert_true (qr_gen_save_png (frame, png));
  g_assert_cmpint (decode (files, objects), ==, 0);
  g_assert_cmpuint (objects->len, ==, 1);
  pd_test_rm_rf (dir);
}

static void
test_no_files_is_usage_error (void)
{
  const char *files[] = { NULL };

  if (g_test_subprocess ())
    {
      g_assert_cmpint (pd_scan_cli_decode (files, stdout), ==, 2);
      g_assert_cmpint (pd_scan_cli_decode (NULL, stdout), ==, 2);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*Usage*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/cli/prints-codes-and-error-objects", test_codes_and_errors);
  g_test_add_func ("/scan/cli/every-file-decoded-exits-0", test_all_found_is_success);
  g_test_add_func ("/scan/cli/no-files-is-usage-error", test_no_files_is_usage_error);

  return g_test_run ();
}
