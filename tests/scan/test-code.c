/* test-code.c: what a code says about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-code.h"
#include "pd-enum-types.h"

static void
test_text_from_bytes (void)
{
  static const guint8 utf8[] = { 0xe5, 0xbc, 0xa0, 0xe4, 0xbc, 0x9f }; /* 张伟 */
  static const guint8 latin1[] = { 'c', 'a', 'f', 0xe9 };
  static const guint8 with_nul[] = { 'a', 0, 'b' };
  g_autoptr(GBytes) b1 = g_bytes_new_static (utf8, sizeof utf8);
  g_autoptr(GBytes) b2 = g_bytes_new_static (latin1, sizeof latin1);
  g_autoptr(GBytes) b3 = g_bytes_new_static (with_nul, sizeof with_nul);
  g_autoptr(PdCode) c1 = pd_code_new (b1, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdCode) c2 = pd_code_new (b2, PD_CODE_SOURCE_CAMERA);
  g_autoptr(PdCode) c3 = pd_code_new (b3, PD_CODE_SOURCE_CAMERA);

  g_assert_cmpstr (pd_code_get_text (c1), ==, "张伟");
  g_assert_cmpstr (pd_code_get_text (c2), ==, "café");
  /* The text shows where the NUL was; the bytes keep it. */
  g_assert_cmpstr (pd_code_get_text (c3), ==, "a\xef\xbf\xbd" "b");
  g_assert_true (g_bytes_equal (pd_code_get_bytes (c3), b3));
}

static void
test_format_sniffing (void)
{
  struct { const char *text; PdCodeFormat format; } cases[] = {
    { "{\"data\":{\"hdr\":{},\"msg\":{}},\"sig\":{\"alg\":\"ES256\"}}", PD_CODE_FORMAT_SIGNED_PERMIT },
    { "  {\"sig\": 1, \"data\": 2}\n", PD_CODE_FORMAT_SIGNED_PERMIT },
    { "{\"data\":{}}", PD_CODE_FORMAT_UNKNOWN },
    { "{\"data\":{},\"sig\":", PD_CODE_FORMAT_UNKNOWN },
    { "[\"data\",\"sig\"]", PD_CODE_FORMAT_UNKNOWN },
    { "110105199001011234", PD_CODE_FORMAT_PERMIT_NUMBER },
    { " 110105 1990-0101 1234 ", PD_CODE_FORMAT_PERMIT_NUMBER },
    { "11010519900101123", PD_CODE_FORMAT_UNKNOWN },
    { "1101051990010112345", PD_CODE_FORMAT_UNKNOWN },
    { "11010519900101123X", PD_CODE_FORMAT_UNKNOWN },
    { "１１０１０５１９９００１０１１２３４", PD_CODE_FORMAT_UNKNOWN },
    { "PDT1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PD_CODE_FORMAT_ONLINE_TOKEN },
    { "PDT1.yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5uc", PD_CODE_FORMAT_ONLINE_TOKEN },
    { "PDT1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", PD_CODE_FORMAT_UNKNOWN },
    { "PDT1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PD_CODE_FORMAT_UNKNOWN },
    { "PDT1.AAAAAAAAAAAAAAAAAAAAA+AAAAAAAAAAAAAAAAAAAAA", PD_CODE_FORMAT_UNKNOWN },
    { "PDT2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", PD_CODE_FORMAT_UNKNOWN },
    { "", PD_CODE_FORMAT_UNKNOWN },
    { "hello", PD_CODE_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PdCode) code = pd_code_new_for_text (cases[i].text, PD_CODE_SOURCE_TYPED);

      g_test_message ("case %u", i);
      g_assert_cmpint (pd_code_format_sniff (cases[i].text), ==, cases[i].format);
      g_assert_cmpint (pd_code_get_format (code), ==, cases[i].format);
    }
}

static void
test_labels (void)
{
  GEnumClass *formats = g_type_class_ref (PD_TYPE_CODE_FORMAT);
  GEnumClass *sources = g_type_class_ref (PD_TYPE_CODE_SOURCE);

  g_assert_cmpstr (pd_code_format_to_label (PD_CODE_FORMAT_SIGNED_PERMIT), ==, "Signed permit code");
  for (guint i = 0; i < formats->n_values; i++)
    g_assert_nonnull (pd_code_format_to_label (formats->values[i].value));
  for (guint i = 0; i < sources->n_values; i++)
    g_assert_nonnull (pd_code_source_to_label (sources->values[i].value));
  g_assert_cmpstr (pd_code_source_to_label (PD_CODE_SOURCE_SCANNER), ==, "USB scanner");

  g_type_class_unref (formats);
  g_type_class_unref (sources);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_origin_corners_and_notify (void)
{
  g_autoptr(PdCode) code = pd_code_new_for_text ("x", PD_CODE_SOURCE_TYPED);
  g_autoptr(GString) log = g_string_new (NULL);
  const PdPoint corners[] = { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const PdPoint *got;
  guint n = 99;

  g_assert_cmpstr (pd_code_get_symbology (code), ==, "typed");
  g_assert_null (pd_code_get_file (code));
  g_assert_cmpint (pd_code_get_page (code), ==, 0);
  g_assert_null (pd_code_get_corners (code, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (g_date_time_difference (now, pd_code_get_time (code)), <, G_USEC_PER_SEC);

  g_signal_connect (code, "notify", G_CALLBACK (on_notify_cb), log);
  pd_code_set_origin (code, "/tmp/notice.pdf", 2);
  pd_code_set_origin (code, "/tmp/notice.pdf", 2);
  pd_code_set_symbology (code, "QR-Code");
  pd_code_set_symbology (code, "QR-Code");
  g_assert_cmpstr (log->str, ==, "file;page;symbology;");

  pd_code_set_corners (code, corners, 4);
  got = pd_code_get_corners (code, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (got[3].y, ==, 8);
  g_assert_cmpstr (pd_code_get_file (code), ==, "/tmp/notice.pdf");
  g_assert_cmpint (pd_code_get_page (code), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/code/text-is-utf8-else-latin1", test_text_from_bytes);
  g_test_add_func ("/scan/code/format-is-sniffed-from-text", test_format_sniffing);
  g_test_add_func ("/scan/code/every-format-and-source-has-a-label", test_labels);
  g_test_add_func ("/scan/code/origin-and-corners-notify-on-change",
                   test_origin_corners_and_notify);

  return g_test_run ();
}
