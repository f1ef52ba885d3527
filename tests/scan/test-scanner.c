/* test-scanner.c: frames in, exact payloads out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "pd-scanner.h"
#include "qr-gen.h"

#define CHINESE "张伟 外国人工作许可 电子社保卡"

static GPtrArray *
scan (const QrFrame *frame)
{
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *codes;

  codes = pd_scanner_scan_frame (scanner, frame->pixels, frame->width, frame->height,
                                 frame->width, PD_PIXEL_FORMAT_GREY8, PD_CODE_SOURCE_CAMERA,
                                 &error);
  g_assert_no_error (error);
  g_assert_nonnull (codes);
  return codes;
}

static void
assert_single_code (GPtrArray    *codes,
                    const guint8 *data,
                    gsize         len)
{
  PdCode *code;
  gsize got_len;
  const guint8 *got;

  g_assert_cmpuint (codes->len, ==, 1);
  code = g_ptr_array_index (codes, 0);
  got = g_bytes_get_data (pd_code_get_bytes (code), &got_len);
  g_assert_cmpmem (got, got_len, data, len);
  g_assert_cmpstr (pd_code_get_symbology (code), ==, "QR-Code");
}

static void
assert_decodes (const QrFrame *frame,
                const char    *text)
{
  g_autoptr(GPtrArray) codes = scan (frame);

  assert_single_code (codes, (const guint8 *) text, strlen (text));
  g_assert_cmpstr (pd_code_get_text (g_ptr_array_index (codes, 0)), ==, text);
}

static void
test_ascii (void)
{
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("PermitDesk test 123", 640, 480, 6);

  assert_decodes (frame, "PermitDesk test 123");
}

static void
test_utf8_chinese (void)
{
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text (CHINESE, 1280, 720, 6);

  assert_decodes (frame, CHINESE);
}

static void
test_permit_number (void)
{
  g_autoptr(QRcode) qr = qr_gen_encode_text ("110105199001011234");
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 255);
  QrPlacement p = qr_gen_placement (8, 640, 360);
  g_autoptr(GPtrArray) codes = NULL;

  qr_gen_draw (frame, qr, &p, NULL);
  codes = scan (frame);
  assert_single_code (codes, (const guint8 *) "110105199001011234", 18);
  g_assert_cmpint (pd_code_get_format (g_ptr_array_index (codes, 0)), ==,
                   PD_CODE_FORMAT_PERMIT_NUMBER);
}

static void
test_long_payload (void)
{
  g_autoptr(GString) text = g_string_new ("{\"data\":{\"hdr\":{\"t\":\"icao.vacc\"},\"msg\":\"");
  g_autoptr(QrFrame) frame = NULL;

  while (text->len < 640)
    g_string_append (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef");
  g_string_append (text, "\"},\"sig\":{\"alg\":\"ES256\"}}");
  frame = qr_gen_frame_for_text (text->str, 1280, 720, 6);
  assert_decodes (frame, text->str);
}

static void
test_binary_bytes_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 data[200];
  g_autoptr(QRcode) qr = NULL;
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 255);
  QrPlacement p = qr_gen_placement (6, 640, 360);
  g_autoptr(GPtrArray) codes = NULL;

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  data[3] = 0;
  data[4] = 0xff;
  qr = qr_gen_encode (data, sizeof data);
  qr_gen_draw (frame, qr, &p, NULL);
  codes = scan (frame);
  assert_single_code (codes, data, sizeof data);
  /* Not UTF-8, so the text is the Latin-1 reading: every byte one character. */
  g_assert_cmpint (g_utf8_strlen (pd_code_get_text (g_ptr_array_index (codes, 0)), -1), ==,
                   sizeof data);
}

static void
test_inverted (void)
{
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text (CHINESE, 1280, 720, 5);

  qr_gen_invert (frame);
  assert_decodes (frame, CHINESE);
}

static void
test_small_code_in_big_frame (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) "small-code", 10);
  g_autoptr(QrFrame) frame = qr_frame_new (1920, 1080, 0);
  QrPlacement p = qr_gen_placement (2.2, 1500, 260);

  qr_frame_texture (frame, rand);
  qr_gen_draw (frame, qr, &p, NULL);
  assert_decodes (frame, "small-code");
}

/* A phone in dark mode held far from the camera. */
static void
test_small_inverted_code (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) CHINESE, strlen (CHINESE));
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 0);
  QrPlacement p = qr_gen_placement (2.5, 300, 500);

  qr_frame_texture (frame, rand);
  p.dark = 255;
  p.light = 0;
  p.angle = 12;
  qr_gen_draw (frame, qr, &p, NULL);
  assert_decodes (frame, CHINESE);
}

static void
test_corners_in_frame_coordinates (void)
{
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) "corners", 7);
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 255);
  QrPlacement p = qr_gen_placement (6, 400, 300);
  g_autoptr(GPtrArray) codes = NULL;
  const PdPoint *got;
  PdPoint expected[4];
  guint n;

  qr_gen_draw (frame, qr, &p, expected);
  codes = scan (frame);
  g_assert_cmpuint (codes->len, ==, 1);
  got = pd_code_get_corners (g_ptr_array_index (codes, 0), &n);
  g_assert_cmpuint (n, ==, 4);
  /* Each true corner has a reported corner within two modules. */
  for (guint i = 0; i < 4; i++)
    {
      double best = G_MAXDOUBLE;

      for (guint j = 0; j < n; j++)
        best = MIN (best, hypot (got[j].x - expected[i].x, got[j].y - expected[i].y));
      g_assert_cmpfloat (best, <, 2 * p.module);
    }
}

static void
test_rgb_padded_stride (void)
{
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("rgb stride", 803, 611, 5);
  const PdPixelFormat formats[] = { PD_PIXEL_FORMAT_RGB24, PD_PIXEL_FORMAT_RGBA32,
                                    PD_PIXEL_FORMAT_BGRA32 };
  const int bpp[] = { 3, 4, 4 };
  g_autoptr(PdScanner) scanner = pd_scanner_new ();

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      int stride = frame->width * bpp[f] + 37;
      g_autofree guint8 *pixels = g_malloc0 ((gsize) stride * frame->height);
      g_autoptr(GPtrArray) codes = NULL;
      g_autoptr(GError) error = NULL;

      /* A tinted picture: the code must survive any channel order. */
      for (int y = 0; y < frame->height; y++)
        for (int x = 0; x < frame->width; x++)
          {
            guint8 v = frame->pixels[y * frame->width + x];
            guint8 *px = pixels + y * stride + x * bpp[f];

            px[0] = v;
            px[1] = (guint8) (v * 0.9);
            px[2] = (guint8) (v * 0.8);
          }
      codes = pd_scanner_scan_frame (scanner, pixels, frame->width, frame->height, stride,
                                     formats[f], PD_CODE_SOURCE_CAMERA, &error);
      g_assert_no_error (error);
      assert_single_code (codes, (const guint8 *) "rgb stride", 10);
    }
}

typedef enum {
  DEGRADE_BLUR,
  DEGRADE_NOISE,
  DEGRADE_JPEG,
  DEGRADE_LOW_CONTRAST,
  DEGRADE_GLARE,
  DEGRADE_PERSPECTIVE,
  DEGRADE_SCALE,
} Degradation;

static void
test_degraded (gconstpointer data)
{
  Degradation d = GPOINTER_TO_INT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42 + d);
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) CHINESE, strlen (CHINESE));
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 0);
  g_autoptr(QrFrame) scaled = NULL;
  QrPlacement p = qr_gen_placement (7, 600, 370);

  qr_frame_texture (frame, rand);
  if (d == DEGRADE_PERSPECTIVE)
    {
      p.perspective = 0.12;
      p.angle = 10;
    }
  qr_gen_draw (frame, qr, &p, NULL);

  switch (d)
    {
    case DEGRADE_BLUR:
      qr_gen_blur (frame, 2.0);
      break;
    case DEGRADE_NOISE:
      qr_gen_noise (frame, 20, rand);
      break;
    case DEGRADE_JPEG:
      qr_gen_jpeg (frame, 30);
      break;
    case DEGRADE_LOW_CONTRAST:
      qr_gen_contrast (frame, 100, 140);
      break;
    case DEGRADE_GLARE:
      qr_gen_glare (frame, 520, 300, 400, 170);
      break;
    case DEGRADE_PERSPECTIVE:
      break;
    case DEGRADE_SCALE:
      scaled = qr_gen_scaled (frame, 0.55);
      assert_decodes (scaled, CHINESE);
      return;
    default:
      g_assert_not_reached ();
    }
  assert_decodes (frame, CHINESE);
}

static void
test_rotation (void)
{
  g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) CHINESE, strlen (CHINESE));

  for (double angle = 0; angle < 360; angle += 22.5)
    {
      g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 200);
      QrPlacement p = qr_gen_placement (6, 640, 360);

      p.angle = angle;
      qr_gen_draw (frame, qr, &p, NULL);
      g_test_message ("angle %.1f", angle);
      assert_decodes (frame, CHINESE);
    }
}

static void
test_no_code_is_empty (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(QrFrame) frame = qr_frame_new (1280, 720, 0);
  g_autoptr(GPtrArray) codes = NULL;

  qr_frame_texture (frame, rand);
  codes = scan (frame);
  g_assert_cmpuint (codes->len, ==, 0);
}

static void
test_bad_frames_are_refused (void)
{
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  guint8 pixels[64] = { 0 };
  struct { int w, h, stride; PdPixelFormat format; PdScanError code; } cases[] = {
    { 0, 8, 8, PD_PIXEL_FORMAT_GREY8, PD_SCAN_ERROR_INVALID_FRAME },
    { 8, -1, 8, PD_PIXEL_FORMAT_GREY8, PD_SCAN_ERROR_INVALID_FRAME },
    { 8, 8, 7, PD_PIXEL_FORMAT_GREY8, PD_SCAN_ERROR_INVALID_FRAME },
    { 8, 2, 8, PD_PIXEL_FORMAT_RGB24, PD_SCAN_ERROR_INVALID_FRAME },
    { 9000, 1, 9000, PD_PIXEL_FORMAT_GREY8, PD_SCAN_ERROR_TOO_LARGE },
    { 1, 8193, 1, PD_PIXEL_FORMAT_GREY8, PD_SCAN_ERROR_TOO_LARGE },
    { 8, 8, 8, (PdPixelFormat) 17, PD_SCAN_ERROR_INVALID_FRAME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *codes;

      codes = pd_scanner_scan_frame (scanner, pixels, cases[i].w, cases[i].h, cases[i].stride,
                                     cases[i].format, PD_CODE_SOURCE_CAMERA, &error);
      g_assert_null (codes);
      g_assert_error (error, PD_SCAN_ERROR, (int) cases[i].code);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/frame/ascii-text-is-exact", test_ascii);
  g_test_add_func ("/scan/frame/utf8-chinese-is-exact", test_utf8_chinese);
  g_test_add_func ("/scan/frame/permit-number-is-exact", test_permit_number);
  g_test_add_func ("/scan/frame/600-byte-payload-is-exact", test_long_payload);
  g_test_add_func ("/scan/frame/binary-payload-bytes-are-exact", test_binary_bytes_exact);
  g_test_add_func ("/scan/frame/inverted-code-is-read", test_inverted);
  g_test_add_func ("/scan/frame/small-code-in-big-frame-is-read", test_small_code_in_big_frame);
  g_test_add_func ("/scan/frame/small-inverted-code-is-read", test_small_inverted_code);
  g_test_add_func ("/scan/frame/corners-are-in-frame-coordinates",
                   test_corners_in_frame_coordinates);
  g_test_add_func ("/scan/frame/rgb-with-padded-stride-is-read", test_rgb_padded_stride);
  g_test_add_data_func ("/scan/frame/blurred-code-is-read", GINT_TO_POINTER (DEGRADE_BLUR),
                        test_degraded);
  g_test_add_data_func ("/scan/frame/noisy-code-is-read", GINT_TO_POINTER (DEGRADE_NOISE),
                        test_degraded);
  g_test_add_data_func ("/scan/frame/jpeg-code-is-read", GINT_TO_POINTER (DEGRADE_JPEG),
                        test_degraded);
  g_test_add_data_func ("/scan/frame/low-contrast-code-is-read",
                        GINT_TO_POINTER (DEGRADE_LOW_CONTRAST), test_degraded);
  g_test_add_data_func ("/scan/frame/code-under-glare-is-read", GINT_TO_POINTER (DEGRADE_GLARE),
                        test_degraded);
  g_test_add_data_func ("/scan/frame/code-in-perspective-is-read",
                        GINT_TO_POINTER (DEGRADE_PERSPECTIVE), test_degraded);
  g_test_add_data_func ("/scan/frame/downscaled-frame-is-read", GINT_TO_POINTER (DEGRADE_SCALE),
                        test_degraded);
  g_test_add_func ("/scan/frame/code-at-any-angle-is-read", test_rotation);
  g_test_add_func ("/scan/frame/no-code-gives-empty-array", test_no_code_is_empty);
  g_test_add_func ("/scan/frame/impossible-frames-are-refused", test_bad_frames_are_refused);

  return g_test_run ();
}
