/* test-scan-fuzz.c: the fuzz entry points over seeded random and mutated inputs
 *
 * libFuzzer needs clang; this runs the same entry functions in every build, over
 * real QR frames, images and PDFs mutated the way a fuzzer would, plus pure noise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "pd-fuzz.h"
#include "pd-test-util.h"
#include "qr-gen.h"
#include "scan-fixtures.h"

#define FRAME_RUNS 2000
#define FILE_RUNS 1500

static GBytes *
frame_seed (void)
{
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("fuzz seed 110105199001011234", 96, 96, 2);
  GByteArray *seed = g_byte_array_new ();
  guint8 header[6] = { 95, 0, 95, 0, 0, 0 };

  g_byte_array_append (seed, header, sizeof header);
  g_byte_array_append (seed, frame->pixels, frame->width * frame->height);
  return g_byte_array_free_to_bytes (seed);
}

static GBytes *
file_seed (const char *dir,
           const char *name,
           guint8      selector)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(QrFrame) frame = qr_gen_frame_for_text ("fuzz", 64, 64, 2);
  g_autofree char *contents = NULL;
  GByteArray *seed = g_byte_array_new ();
  gsize len;

  if (g_str_has_suffix (name, ".png"))
    g_assert_true (qr_gen_save_png (frame, path));
  else if (g_str_has_suffix (name, ".jpg"))
    g_assert_true (qr_gen_save_jpeg (frame, path, 80));
  else
    {
      /* A one-page PDF the size of its code: cheap to render thousands of times. */
      g_autoptr(QRcode) qr = qr_gen_encode ((const guint8 *) "fuzz", 4);
      cairo_surface_t *surface = cairo_pdf_surface_create (path, 60, 60);
      cairo_t *cr = cairo_create (surface);

      for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
          if (qr->data[y * qr->width + x] & 1)
            cairo_rectangle (cr, 8 + 2.0 * x, 8 + 2.0 * y, 2, 2);
      cairo_fill (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_byte_array_append (seed, &selector, 1);
  g_byte_array_append (seed, (const guint8 *) contents, len);
  return g_byte_array_free_to_bytes (seed);
}

/* Bit flips, byte overwrites, chunk deletions, duplications and truncation. */
static GByteArray *
mutate (GBytes *seed,
        GRand  *rand)
{
  GByteArray *data = g_byte_array_new ();
  guint n = g_rand_int_range (rand, 1, 9);

  g_byte_array_append (data, g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));
  for (guint i = 0; i < n && data->len > 2; i++)
    {
      guint at = g_rand_int_range (rand, 0, data->len);
      guint want = g_rand_int_range (rand, 1, 64);
      guint span = MIN (data->len - at, want);
      g_autofree guint8 *chunk = NULL;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:
          data->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:
          data->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 2:
          g_byte_array_remove_range (data, at, span);
          break;
        case 3:
          chunk = g_memdup2 (data->data + at, span);
          g_byte_array_append (data, chunk, span);
          break;
        default:
          g_byte_array_set_size (data, at + 1);
          break;
        }
    }
  return data;
}

static GByteArray *
noise (GRand *rand)
{
  GByteArray *data = g_byte_array_new ();
  guint len = g_rand_int_range (rand, 0, 4096);

  for (guint i = 0; i < len; i++)
    {
      guint8 b = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (data, &b, 1);
    }
  return data;
}

static void
run (int (*entry) (const uint8_t *, size_t),
     GPtrArray *seeds,
     guint      runs,
     guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GByteArray) input = NULL;

      if (i % 5 == 0)
        input = noise (rand);
      else
        input = mutate (g_ptr_array_index (seeds, i % seeds->len), rand);
      entry (input->data, input->len);
    }
}

static void
test_frames (void)
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (seeds, frame_seed ());
  /* The unmutated seed must decode, or the run would prove little. */
  g_assert_cmpint (pd_fuzz_frame (g_bytes_get_data (seeds->pdata[0], NULL),
                                  g_bytes_get_size (seeds->pdata[0])), ==, 0);
  run (pd_fuzz_frame, seeds, FRAME_RUNS, 1);
}

static void
drop_log (const char     *domain,
          GLogLevelFlags  level,
          const char     *message,
          gpointer        user_data)
{
}

static void
test_files (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-scan-fuzz-XXXXXX");
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_ptr_array_add (seeds, file_seed (dir, "seed.png", 0));
  g_ptr_array_add (seeds, file_seed (dir, "seed.jpg", 1));
  g_ptr_array_add (seeds, file_seed (dir, "seed.pdf", 2));

  /* Poppler logs every syntax error of a broken PDF at INFO level. */
  g_log_set_handler ("Poppler", G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, drop_log, NULL);
  run (pd_fuzz_file, seeds, FILE_RUNS, 2);

  pd_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scan/fuzz/mutated-frames-never-crash", test_frames);
  g_test_add_func ("/scan/fuzz/mutated-files-never-crash", test_files);

  return g_test_run ();
}
