/* pd-filing-packet.c: the papers to take to a city window for one case
 *
 * Page 1 is a cover sheet (who, which case, where and when), page 2 the list of
 * originals and copies with the company seal to bring (from the checklist and
 * the city profile), then each document of the case in order: the pages of an
 * attached PDF, an attached image, or a sheet saying the original must be
 * brought when nothing is attached. Drawn with cairo, so the same pages go to
 * a printer (GtkPrintOperation) or to a PDF file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "pd-core.h"
#include "pd-filing-packet.h"
#include "pd-pdf.h"

#define MARGIN 48.0
#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

typedef struct {
  PdDocument      *document;
  PopplerDocument *pdf;      /* the attached PDF, or NULL */
  GdkPixbuf       *image;    /* the attached image, or NULL */
  int              page;     /* the page of @pdf this packet page shows */
} DocumentPage;

struct _PdFilingPacket
{
  GObject      parent_instance;

  PdCase      *item;
  PdChecklist *checklist;    /* may be NULL */
  GArray      *pages;        /* DocumentPage, after the two first pages */
  GPtrArray   *opened;       /* PopplerDocument and GdkPixbuf, owned */
};

G_DEFINE_FINAL_TYPE (PdFilingPacket, pd_filing_packet, G_TYPE_OBJECT)

static void
pd_filing_packet_finalize (GObject *object)
{
  PdFilingPacket *self = (PdFilingPacket *) object;

  g_clear_object (&self->item);
  g_clear_pointer (&self->checklist, pd_checklist_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->opened, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_filing_packet_parent_class)->finalize (object);
}

static void
pd_filing_packet_class_init (PdFilingPacketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_filing_packet_finalize;
}

static void
pd_filing_packet_init (PdFilingPacket *self)
{
  self->pages = g_array_new (FALSE, TRUE, sizeof (DocumentPage));
  self->opened = g_ptr_array_new_with_free_func (g_object_unref);
}

/* A file that cannot be read becomes a "bring the original" sheet: the packet
 * is still printed, and the reason is in the debug log (not the path: it may
 * name the person). */
static void
add_document_pages (PdFilingPacket *self,
                    PdDocument     *document)
{
  const char *path = pd_document_get_file_path (document);
  DocumentPage page = { document, NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;

  if (path != NULL && g_str_has_suffix (path, ".pdf"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *uri = g_file_get_uri (file);

      page.pdf = poppler_document_new_from_file (uri, NULL, &error);
      if (page.pdf != NULL)
        {
          g_ptr_array_add (self->opened, page.pdf);
          for (page.page = 0; page.page < poppler_document_get_n_pages (page.pdf); page.page++)
            g_array_append_val (self->pages, page);
          return;
        }
    }
  else if (path != NULL)
    {
      page.image = gdk_pixbuf_new_from_file (path, &error);
      if (page.image != NULL)
        g_ptr_array_add (self->opened, page.image);
    }

  if (error != NULL)
    g_debug ("An attached document cannot be read: %s", error->domain == G_FILE_ERROR ? "file error" : "format");
  g_array_append_val (self->pages, page);
}

/* @checklist (may be NULL) gives what to bring and the city's office. */
PdFilingPacket *
pd_filing_packet_new (PdCase      *item,
                      PdChecklist *checklist)
{
  PdFilingPacket *self;
  GListModel *documents;

  g_return_val_if_fail (PD_IS_CASE (item), NULL);

  self = g_object_new (PD_TYPE_FILING_PACKET, NULL);
  self->item = g_object_ref (item);
  self->checklist = checklist ? pd_checklist_ref (checklist) : NULL;

  documents = pd_case_get_documents (item);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);

      add_document_pages (self, document);
    }

  return self;
}

int
pd_filing_packet_get_n_pages (PdFilingPacket *self)
{
  g_return_val_if_fail (PD_IS_FILING_PACKET (self), 0);

  return 2 + (int) self->pages->len;
}

/* Draws @markup at @y across the page; returns the y below it. */
static double
draw_text (cairo_t    *cr,
           double      width,
           double      y,
           const char *markup,
           int         size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int text_height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((width - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  pango_font_description_free (font);
  g_object_unref (layout);

  return y + text_height + size * 0.5;
}

static double
draw_field (cairo_t    *cr,
            double      width,
            double      y,
            const char *label,
            const char *value)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>  %s", label, value && *value ? value : "—");

  return draw_text (cr, width, y, markup, 11);
}

static char *
format_date (const GDate *date)
{
  char buf[16];

  if (date == NULL || !g_date_valid (date))
    return NULL;
  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", date);
  return g_strdup (buf);
}

static double
draw_filing_place (PdFilingPacket *self,
                   cairo_t        *cr,
                   double          width,
                   double          y)
{
  const PdFilingRequirement *requirement = self->checklist ? pd_checklist_get_filing (self->checklist) : NULL;
  GListModel *filings = pd_case_get_filings (self->item);

  if (requirement != NULL)
    {
      y = draw_field (cr, width, y, _("Office"), requirement->office);
      y = draw_field (cr, width, y, _("Address"), requirement->address);
    }
  for (guint i = 0; i < g_list_model_get_n_items (filings); i++)
    {
      g_autoptr(PdFiling) filing = g_list_model_get_item (filings, i);
      GDateTime *when = pd_filing_get_appointment (filing);
      g_autofree char *text = when ? g_date_time_format (when, "%Y-%m-%d %H:%M") : NULL;

      y = draw_field (cr, width, y, _("Appointment"), text);
    }

  return y;
}

static void
draw_cover (PdFilingPacket *self,
            cairo_t        *cr,
            double          width)
{
  PdPerson *person = pd_case_get_person (self->item);
  PdPermit *permit = pd_case_get_permit (self->item);
  PdEmployer *employer = pd_case_get_employer (self->item);
  g_autofree char *birth = format_date (pd_person_get_date_of_birth (person));
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", _("Filing Packet"));
  double y = MARGIN;

  y = draw_text (cr, width, y, title, 22);
  y = draw_field (cr, width, y, _("Name in Chinese"), pd_person_get_name_zh (person));
  y = draw_field (cr, width, y, _("Name in Latin letters"), pd_person_get_name_latin (person));
  y = draw_field (cr, width, y, _("Nationality"), pd_person_get_nationality (person));
  y = draw_field (cr, width, y, _("Passport number"), pd_person_get_passport_number (person));
  y = draw_field (cr, width, y, _("Date of birth"), birth);
  y = draw_field (cr, width, y, _("Kind"), pd_case_kind_to_label (pd_case_get_kind (self->item)));
  y = draw_field (cr, width, y, _("Status"), pd_case_status_to_label (pd_case_get_status (self->item)));
  y = draw_field (cr, width, y, _("Permit number"), permit ? pd_permit_get_number (permit) : NULL);
  y = draw_field (cr, width, y, _("Employer"), employer ? pd_employer_get_name (employer) : NULL);
  y = draw_field (cr, width, y, _("City"), pd_city_to_label (pd_case_get_city (self->item)));
  draw_filing_place (self, cr, width, y + 12);
}

static char *
item_line (const PdChecklistItem *item)
{
  const char *how = (item->auth_needed & PD_AUTH_COMPANY_SEAL) ? _("copy with the company seal")
                  : (item->auth_needed & PD_AUTH_ORIGINAL) ? _("original") : _("copy");

  /* Translators: a checkbox, a document, then original or sealed copy */
  return g_markup_printf_escaped (_("☐  %s — %s"), item->title, how);
}

static void
draw_bring_list (PdFilingPacket *self,
                 cairo_t        *cr,
                 double          width)
{
  const PdFilingRequirement *requirement = self->checklist ? pd_checklist_get_filing (self->checklist) : NULL;
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", _("Originals and Sealed Copies to Bring"));
  double y = draw_text (cr, width, MARGIN, title, 18);

  for (guint i = 0; self->checklist != NULL && i < pd_checklist_get_n_items (self->checklist); i++)
    {
      const PdChecklistItem *item = pd_checklist_get_item (self->checklist, i);
      g_autofree char *line = NULL;

      if (!item->required)
        continue;
      line = item_line (item);
      y = draw_text (cr, width, y, line, 11);
    }

  for (guint i = 0; requirement != NULL && requirement->bring != NULL && i < requirement->bring->len; i++)
    {
      g_autofree char *line = g_markup_printf_escaped ("☐  %s", (char *) g_ptr_array_index (requirement->bring, i));

      y = draw_text (cr, width, y, line, 11);
    }
}

/* Scales @content_width × @content_height into the page below a heading. */
static void
fit (cairo_t *cr,
     double   width,
     double   height,
     double   top,
     double   content_width,
     double   content_height)
{
  double scale = MIN ((width - 2 * MARGIN) / content_width, (height - top - MARGIN) / content_height);

  cairo_translate (cr, MARGIN, top);
  cairo_scale (cr, scale, scale);
}

/* Core has no GDK: the pixels are copied into a premultiplied cairo surface. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guchar *data = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * channels;
        guint a = channels == 4 ? p[3] : 255;
        guint32 *q = (guint32 *) (data + y * out_stride + x * 4);

        *q = (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
draw_document (PdFilingPacket     *self,
               cairo_t            *cr,
               double              width,
               double              height,
               const DocumentPage *page)
{
  const char *title = pd_document_get_title (page->document);
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", title ? title : pd_document_get_kind (page->document));
  double y = draw_text (cr, width, MARGIN, heading, 14);

  if (page->pdf != NULL)
    {
      PopplerPage *pdf_page = poppler_document_get_page (page->pdf, page->page);
      double page_width, page_height;

      poppler_page_get_size (pdf_page, &page_width, &page_height);
      cairo_save (cr);
      fit (cr, width, height, y, page_width, page_height);
      poppler_page_render_for_printing (pdf_page, cr);
      cairo_restore (cr);
      g_object_unref (pdf_page);
    }
  else if (page->image != NULL)
    {
      cairo_save (cr);
      fit (cr, width, height, y, gdk_pixbuf_get_width (page->image), gdk_pixbuf_get_height (page->image));
      {
        cairo_surface_t *surface = surface_from_pixbuf (page->image);

        cairo_set_source_surface (cr, surface, 0, 0);
        cairo_paint (cr);
        cairo_surface_destroy (surface);
      }
      cairo_restore (cr);
    }
  else
    {
      draw_text (cr, width, y, _("No file is attached: bring the original."), 12);
    }
}

void
pd_filing_packet_draw_page (PdFilingPacket *self,
                            cairo_t        *cr,
                            double          width,
                            double          height,
                            int             page)
{
  g_return_if_fail (PD_IS_FILING_PACKET (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && page < pd_filing_packet_get_n_pages (self));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    draw_cover (self, cr, width);
  else if (page == 1)
    draw_bring_list (self, cr, width);
  else
    draw_document (self, cr, width, height, &g_array_index (self->pages, DocumentPage, page - 2));
  cairo_restore (cr);
}

/* An A4 PDF of the packet; personal data, so written owner-only and atomically. */
gboolean
pd_filing_packet_export_pdf (PdFilingPacket  *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (PD_IS_FILING_PACKET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = pd_pdf_surface_new (bytes, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  for (int page = 0; page < pd_filing_packet_get_n_pages (self); page++)
    {
      pd_filing_packet_draw_page (self, cr, A4_WIDTH, A4_HEIGHT, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);

  return pd_pdf_surface_save (surface, bytes, path, error);
}
