/* pd-scan-file.c: the QR codes in an image file or a PDF
 *
 * Images go through gdk-pixbuf (any format it reads), PDFs through poppler, every page
 * rendered at 200 dpi and, where nothing was found, again at 300 dpi. Sizes are
 * checked before anything is decoded, so a file cannot make us allocate without bound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "pd-scan-file.h"

/* PDF files may start with up to 1 KiB of junk before their header. */
#define PDF_HEADER_WINDOW 1024
#define PDF_DPI 200.0
#define PDF_RETRY_DPI 300.0
#define PDF_MAX_PAGE_SIDE 6000

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static inline guint8
luma (guint r,
      guint g,
      guint b)
{
  return (guint8) ((77 * r + 150 * g + 29 * b) >> 8);
}

static void
set_origin (GPtrArray  *codes,
            guint       from,
            const char *path,
            int         page)
{
  for (guint i = from; i < codes->len; i++)
    pd_code_set_origin (g_ptr_array_index (codes, i), path, page);
}

/* Transparent pixels are shown on white, as every viewer does. */
static guint8 *
pixbuf_to_grey (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint8 *grey = g_malloc ((gsize) w * h);

  for (int y = 0; y < h; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;

      for (int x = 0; x < w; x++, p += n)
        {
          guint v = n >= 3 ? luma (p[0], p[1], p[2]) : p[0];

          if (alpha)
            v = (v * p[n - 1] + 255 * (255 - p[n - 1])) / 255;
          grey[(gsize) y * w + x] = (guint8) v;
        }
    }
  return grey;
}

static gboolean
check_image_size (const char  *name,
                  int          width,
                  int          height,
                  GError     **error)
{
  if (width <= 0 || height <= 0)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                   _("“%s” is damaged or incomplete and cannot be read."), name);
      return FALSE;
    }
  if (width > PD_SCANNER_MAX_SIZE || height > PD_SCANNER_MAX_SIZE
      || (gint64) width * height > PD_SCAN_FILE_MAX_PIXELS)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is %d × %d pixels, too large to scan. Crop it around the code "
                     "or save it at a smaller size."),
                   name, width, height);
      return FALSE;
    }
  return TRUE;
}

/* By content, not by name: a text file called .png is no image. */
static gboolean
looks_like_image (GBytes *head)
{
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;

  type = g_content_type_guess (NULL, g_bytes_get_data (head, NULL), g_bytes_get_size (head),
                               NULL);
  mime = g_content_type_get_mime_type (type);
  return mime != NULL && g_str_has_prefix (mime, "image/");
}

typedef struct {
  const char *name;
  GError     *error;     /* set when the announced size is refused */
  int         rows_done; /* lowest row not yet decoded */
} SizeCheck;

/* Runs when the loader knows the size, before it allocates the pixels: a refused size
 * becomes 0 × 0, which makes the loader stop. */
static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gpointer         user_data)
{
  SizeCheck *check = user_data;

  if (!check_image_size (check->name, width, height, &check->error))
    gdk_pixbuf_loader_set_size (loader, 0, 0);
}

/* Incremental loaders accept a file that stops early and leave the rest blank, so
 * how far decoding got is tracked to call such a file incomplete. */
static void
on_area_updated_cb (GdkPixbufLoader *loader,
                    int              x,
                    int              y,
                    int              width,
                    int              height,
                    gpointer         user_data)
{
  SizeCheck *check = user_data;

  check->rows_done = MAX (check->rows_done, y + height);
}

/* Decodes @data, the bytes already read, never the file again. */
static GdkPixbuf *
decode_image (GBytes      *data,
              const char  *name,
              GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  SizeCheck check = { name, NULL, 0 };
  GdkPixbuf *pixbuf;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &check);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated_cb), &check);
  ok = gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  if (check.error != NULL)
    {
      g_propagate_error (error, check.error);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!ok || pixbuf == NULL || check.rows_done < gdk_pixbuf_get_height (pixbuf))
    {
      if (looks_like_image (data))
        g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                     _("“%s” is damaged or incomplete and cannot be read."), name);
      else
        g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED,
                     _("“%s” is not an image or PDF that can be read. Open a PNG, JPEG or "
                       "PDF file."),
                     name);
      return NULL;
    }
  return g_object_ref (pixbuf);
}

static GPtrArray *
scan_image (PdScanner   *scanner,
            const char  *path,
            const char  *name,
            GBytes      *data,
            GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree guint8 *grey = NULL;
  GPtrArray *codes;
  int width, height;

  pixbuf = decode_image (data, name, error);
  if (pixbuf == NULL)
    return NULL;

  /* Loaders may disagree with the header they reported. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (!check_image_size (name, width, height, error))
    return NULL;

  grey = pixbuf_to_grey (pixbuf);
  codes = pd_scanner_scan_frame (scanner, grey, width, height, width, PD_PIXEL_FORMAT_GREY8,
                                 PD_CODE_SOURCE_IMAGE, error);
  if (codes != NULL)
    set_origin (codes, 0, path, 0);
  return codes;
}

static guint8 *
render_page (PopplerPage *page,
             double       dpi,
             int         *width,
             int         *height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w_pt, h_pt, scale;
  const guint8 *data;
  guint8 *grey;
  int stride;

  poppler_page_get_size (page, &w_pt, &h_pt);
  if (!isfinite (w_pt) || !isfinite (h_pt) || w_pt < 1 || h_pt < 1)
    return NULL;

  /* Oversized pages are rendered at a lower resolution rather than refused. */
  scale = dpi / 72.0;
  scale = MIN (scale, PDF_MAX_PAGE_SIDE / MAX (w_pt, h_pt));
  scale = MIN (scale, sqrt (PD_SCAN_FILE_MAX_PIXELS / 2.0 / (w_pt * h_pt)));
  *width = MAX (1, (int) ceil (w_pt * scale));
  *height = MAX (1, (int) ceil (h_pt * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, *width, *height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  grey = g_malloc ((gsize) *width * *height);
  for (int y = 0; y < *height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < *width; x++)
        grey[(gsize) y * *width + x] = luma ((row[x] >> 16) & 0xff, (row[x] >> 8) & 0xff,
                                             row[x] & 0xff);
    }
  cairo_surface_destroy (surface);
  return grey;
}

static void
scan_page (PdScanner   *scanner,
           PopplerPage *page,
           GPtrArray   *codes)
{
  static const double dpis[] = { PDF_DPI, PDF_RETRY_DPI };

  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    {
      g_autofree guint8 *grey = NULL;
      g_autoptr(GPtrArray) found = NULL;
      int width, height;

      grey = render_page (page, dpis[i], &width, &height);
      if (grey == NULL)
        return;
      found = pd_scanner_scan_frame (scanner, grey, width, height, width, PD_PIXEL_FORMAT_GREY8,
                                     PD_CODE_SOURCE_PDF, NULL);
      if (found != NULL && found->len > 0)
        {
          g_ptr_array_extend_and_steal (codes, g_steal_pointer (&found));
          return;
        }
    }
}

static PopplerDocument *
open_pdf (GBytes      *data,
          const char  *name,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;

  document = poppler_document_new_from_bytes (data, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED,
                     _("“%s” is protected by a password. Open a copy without a password."),
                     name);
      else
        g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                     _("“%s” is a damaged or incomplete PDF and cannot be read."), name);
    }
  return document;
}

static GPtrArray *
scan_pdf (PdScanner     *scanner,
          const char    *path,
          const char    *name,
          GBytes        *data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  int n_pages;

  document = open_pdf (data, name, error);
  if (document == NULL)
    return NULL;

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                   _("“%s” is a damaged or incomplete PDF and cannot be read."), name);
      return NULL;
    }

  codes = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < MIN (n_pages, PD_SCAN_FILE_MAX_PAGES); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      guint before = codes->len;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (page == NULL)
        continue;
      scan_page (scanner, page, codes);
      set_origin (codes, before, path, i + 1);
    }

  if (codes->len == 0 && n_pages > PD_SCAN_FILE_MAX_PAGES)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_NO_CODE,
                   _("No QR code was found on the first %d pages of “%s”. Open the page "
                     "with the code on its own."),
                   PD_SCAN_FILE_MAX_PAGES, name);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

/* Opens @path once and reads at most PD_SCAN_FILE_MAX_BYTES + 1 bytes from that one
 * descriptor: what is checked is what is decoded, even if the file is replaced or
 * grows meanwhile. O_NONBLOCK keeps a FIFO from blocking the open. */
static GBytes *
read_file (const char    *path,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat st;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      return NULL;
    }
  stream = g_unix_input_stream_new (fd, TRUE);
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED,
                   _("“%s” is not a file. Open an image or a PDF."), name);
      return NULL;
    }
  while (data->len <= PD_SCAN_FILE_MAX_BYTES)
    {
      guint8 chunk[64 * 1024];
      gsize want = MIN (sizeof chunk, PD_SCAN_FILE_MAX_BYTES + 1 - data->len);
      gssize got = g_input_stream_read (stream, chunk, want, cancellable, error);

      if (got < 0)
        {
          g_prefix_error (error, _("Could not open “%s”: "), name);
          return NULL;
        }
      if (got == 0)
        break;
      g_byte_array_append (data, chunk, (guint) got);
    }
  if (data->len == 0)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                   _("“%s” is empty. Save or download it again."), name);
      return NULL;
    }
  if (data->len > PD_SCAN_FILE_MAX_BYTES)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB, too large to scan. Open the page with "
                     "the code on its own."),
                   name, PD_SCAN_FILE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The codes in an image or PDF file, each carrying the path (and the 1-based page of
 * a PDF). Fails with PD_SCAN_ERROR_NO_CODE when the file holds none. scanner may be
 * NULL; blocks, so call it from a worker thread or use pd_scan_file_async(). */
GPtrArray *
pd_scan_file (PdScanner     *scanner,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(PdScanner) own_scanner = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (scanner == NULL || PD_IS_SCANNER (scanner), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_basename (path);
  if (scanner == NULL)
    scanner = own_scanner = pd_scanner_new ();

  data = read_file (path, name, cancellable, error);
  if (data == NULL)
    return NULL;

  /* A PDF header may follow up to 1 KiB of junk. */
  if (g_strstr_len (g_bytes_get_data (data, NULL), MIN (g_bytes_get_size (data), PDF_HEADER_WINDOW),
                    "%PDF-") != NULL)
    codes = scan_pdf (scanner, path, name, data, cancellable, error);
  else
    codes = scan_image (scanner, path, name, data, error);

  if (codes != NULL && codes->len == 0)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_NO_CODE,
                   _("No QR code was found in “%s”. Make sure the whole code is in the "
                     "picture and sharp, or open the original document."),
                   name);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

static void
scan_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(PdScanner) scanner = pd_scanner_new ();
  GError *error = NULL;
  GPtrArray *codes;

  codes = pd_scan_file (scanner, task_data, cancellable, &error);
  if (codes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, codes, (GDestroyNotify) g_ptr_array_unref);
}

/* Scans on a worker thread with its own scanner. */
void
pd_scan_file_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_scan_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, scan_file_thread);
}

/* An array of PdCode, never empty. */
GPtrArray *
pd_scan_file_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pd_scan_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
