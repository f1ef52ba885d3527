/* pd-scan-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimal stand-in for the scan branch's file scanning (images through gdk-pixbuf, PDF pages
 * through poppler at 200 dpi): the Verify view is written against the documented API only, and
 * the scan branch's version replaces this file at merge.
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "pd-scan-file.h"

#define MAX_PIXELS (8192 * 8192)
#define MAX_PAGES 50
#define PDF_DPI 200.0

static GPtrArray *
scan_pixbuf (PdScanner  *scanner,
             GdkPixbuf  *pixbuf,
             GError    **error)
{
  g_autoptr(GdkPixbuf) rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);

  return pd_scanner_scan_frame (scanner, gdk_pixbuf_read_pixels (rgba),
                                gdk_pixbuf_get_width (rgba), gdk_pixbuf_get_height (rgba),
                                gdk_pixbuf_get_rowstride (rgba), PD_PIXEL_FORMAT_RGBA32,
                                PD_CODE_SOURCE_IMAGE, error);
}

static GPtrArray *
scan_image (PdScanner   *scanner,
            const char  *path,
            GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  int width, height;

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_UNSUPPORTED,
                   _("“%s” is not an image or PDF PermitDesk can read. Open a PNG, JPEG or PDF file."),
                   name);
      return NULL;
    }
  if ((gint64)width * height > MAX_PIXELS)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_TOO_LARGE,
                   _("“%s” is too large to scan. Crop the image around the code and try again."),
                   name);
      return NULL;
    }

  pixbuf = gdk_pixbuf_new_from_file (path, NULL);
  if (pixbuf == NULL)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read. Save or export it again."), name);
      return NULL;
    }

  return scan_pixbuf (scanner, pixbuf, error);
}

static GPtrArray *
scan_pdf_page (PdScanner    *scanner,
               PopplerPage  *page,
               GError      **error)
{
  GPtrArray *codes;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  int pw, ph;

  poppler_page_get_size (page, &w, &h);
  pw = MAX (1, (int)(w * PDF_DPI / 72.0));
  ph = MAX (1, (int)(h * PDF_DPI / 72.0));
  if ((gint64)pw * ph > MAX_PIXELS)
    return g_ptr_array_new_with_free_func (g_object_unref);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pw, ph);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PDF_DPI / 72.0, PDF_DPI / 72.0);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* CAIRO_FORMAT_RGB24 is BGRx in memory on little-endian machines. */
  codes = pd_scanner_scan_frame (scanner, cairo_image_surface_get_data (surface),
                                 pw, ph, cairo_image_surface_get_stride (surface),
                                 PD_PIXEL_FORMAT_BGRA32, PD_CODE_SOURCE_PDF, error);
  cairo_surface_destroy (surface);

  return codes;
}

static GPtrArray *
scan_pdf (PdScanner   *scanner,
          const char  *path,
          GError     **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GObject) doc = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_filename_display_basename (path);
  int n_pages;

  doc = G_OBJECT (poppler_document_new_from_gfile (file, NULL, NULL, NULL));
  if (doc == NULL)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be read. Save or export it again."), name);
      return NULL;
    }

  n_pages = MIN (poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)), MAX_PAGES);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (doc), i));
      g_autoptr(GPtrArray) codes = scan_pdf_page (scanner, POPPLER_PAGE (page), error);

      if (codes == NULL)
        return NULL;
      for (guint j = 0; j < codes->len; j++)
        {
          pd_code_set_origin (g_ptr_array_index (codes, j), path, i + 1);
          g_ptr_array_add (all, g_object_ref (g_ptr_array_index (codes, j)));
        }
    }

  return g_steal_pointer (&all);
}

GPtrArray *
pd_scan_file (PdScanner     *scanner,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PD_IS_SCANNER (scanner), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    codes = scan_pdf (scanner, path, error);
  else
    codes = scan_image (scanner, path, error);

  if (codes == NULL)
    return NULL;

  name = g_filename_display_basename (path);
  if (codes->len == 0)
    {
      g_set_error (error, PD_SCAN_ERROR, PD_SCAN_ERROR_NO_CODE,
                   _("No QR code was found in “%s”. Check that the code is sharp and fully visible."),
                   name);
      return NULL;
    }

  for (guint i = 0; i < codes->len; i++)
    if (pd_code_get_file (g_ptr_array_index (codes, i)) == NULL)
      pd_code_set_origin (g_ptr_array_index (codes, i), path, 0);

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
    g_task_return_pointer (task, codes, (GDestroyNotify)g_ptr_array_unref);
}

void
pd_scan_file_async (const char          *path,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_scan_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, scan_file_thread);
}

GPtrArray *
pd_scan_file_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
