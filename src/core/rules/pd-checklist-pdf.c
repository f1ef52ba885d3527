/* pd-checklist-pdf.c: a checklist on paper, for PDF export and for printing
 *
 * The same page layout serves cairo's PDF surface and GtkPrintOperation, so the
 * printed copy and the exported file always agree. Pango picks a CJK font for the
 * Chinese texts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pd-checklist-private.h"
#include "pd-pdf.h"

#define A4_WIDTH   595.0
#define A4_HEIGHT  842.0
#define MARGIN      50.0
#define GAP          4.0

typedef struct {
  char   *markup;
  double  indent;
  double  size;
} Block;

static void
block_clear (Block *block)
{
  g_free (block->markup);
}

static void
add_block (GArray     *blocks,
           double      size,
           double      indent,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
add_block (GArray     *blocks,
           double      size,
           double      indent,
           const char *format,
           ...)
{
  Block block = { NULL, indent, size };
  va_list args;

  va_start (args, format);
  block.markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_array_append_val (blocks, block);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static void
add_deadline_blocks (PdChecklist *self,
                     GArray      *blocks)
{
  if (self->deadlines->len == 0)
    return;

  add_block (blocks, 13, 0, "<b>%s</b>", _("Deadlines"));
  for (guint i = 0; i < self->deadlines->len; i++)
    {
      const PdDeadline *deadline = &g_array_index (self->deadlines, PdDeadline, i);
      g_autofree char *date = format_date (&deadline->date);
      const char *flag = deadline->overdue ? _("overdue")
                         : deadline->due_soon ? _("due soon")
                         : deadline->window_start ? _("from this date") : "";

      add_block (blocks, 10, 12, "%s %s — %s%s%s%s", deadline->overdue ? "✗" : "•",
                 date, deadline->title, *flag ? " (" : "", flag, *flag ? ")" : "");
      add_block (blocks, 8, 24, "%s%s", deadline->source_title,
                 deadline->confirmed ? "" : _(" — not yet confirmed by an official source"));
    }
}

static void
add_filing_blocks (PdChecklist *self,
                   GArray      *blocks)
{
  if (!self->has_filing)
    return;

  add_block (blocks, 13, 0, _("<b>File originals in person in %s</b>"), self->filing.city);
  add_block (blocks, 10, 12, "%s", self->filing.office);
  add_block (blocks, 10, 12, "%s", self->filing.address);
  for (guint i = 0; i < self->filing.bring->len; i++)
    add_block (blocks, 10, 24, "• %s", (const char *) g_ptr_array_index (self->filing.bring, i));
  if (!self->filing.confirmed)
    add_block (blocks, 8, 12, "%s", _("Not yet confirmed by an official source: check with the office before you go."));
}

static void
add_item_block (GArray                *blocks,
                const PdChecklistItem *item)
{
  g_autofree char *auth = pd_auth_flags_describe (item->auth_needed);
  gboolean bad = item->state == PD_CHECKLIST_ITEM_EXPIRED ||
                 item->state == PD_CHECKLIST_ITEM_EXPIRES_BEFORE_DECISION;

  add_block (blocks, 11, 12, "%s <b>%s</b> — %s (%s)",
             item->state == PD_CHECKLIST_ITEM_OK ? "✓" : bad ? "✗" : "☐",
             item->title, pd_checklist_item_state_describe (item->state),
             item->required ? _("required") : _("optional"));
  add_block (blocks, 9, 24, "%s", item->explanation);
  if (*auth != '\0')
    add_block (blocks, 9, 24, _("Authentication: %s"), auth);
  add_block (blocks, 8, 24, "%s%s", item->source_title,
             item->confirmed ? "" : _(" — not yet confirmed by an official source"));
}

/* Items grouped by kind of document, groups in the order the rules first name them. */
static void
add_item_blocks (PdChecklist *self,
                 GArray      *blocks)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *group = g_array_index (self->items, PdChecklistItem, i).group;

      if (!g_ptr_array_find_with_equal_func (groups, group, g_str_equal, NULL))
        g_ptr_array_add (groups, (char *) group);
    }

  for (guint g = 0; g < groups->len; g++)
    {
      gboolean heading_done = FALSE;

      for (guint i = 0; i < self->items->len; i++)
        {
          const PdChecklistItem *item = &g_array_index (self->items, PdChecklistItem, i);

          if (!g_str_equal (item->group, g_ptr_array_index (groups, g)))
            continue;
          if (!heading_done)
            add_block (blocks, 13, 0, "<b>%s</b>", item->group_title);
          heading_done = TRUE;
          add_item_block (blocks, item);
        }
    }
}

static GArray *
make_blocks (PdChecklist *self)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  g_array_set_clear_func (blocks, (GDestroyNotify) block_clear);
  add_block (blocks, 18, 0, "<b>%s</b>", pd_case_kind_title (self->kind));
  add_block (blocks, 10, 0, _("Document checklist · %d%% complete"),
             (int) (self->completeness * 100 + 0.5));
  add_block (blocks, 8, 0, _("Rules in force: %s"), self->rules_version ? self->rules_version : "");
  add_deadline_blocks (self, blocks);
  add_filing_blocks (self, blocks);
  add_item_blocks (self, blocks);

  return blocks;
}

/* Lays out the blocks page by page; draws the blocks of @draw_page when it is >= 0.
 * Returns the number of pages. */
static int
layout_pages (PdChecklist *self,
              cairo_t     *cr,
              double       width,
              double       height,
              int          draw_page)
{
  g_autoptr(GArray) blocks = make_blocks (self);
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  int page = 0;
  double y = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      const Block *block = &g_array_index (blocks, Block, i);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
      int text_height;

      pango_font_description_set_size (font, block->size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (width - block->indent) * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_markup (layout, block->markup, -1);
      pango_layout_get_size (layout, NULL, &text_height);

      if (y > 0 && y + text_height / (double) PANGO_SCALE > height)
        {
          page++;
          y = 0;
        }

      if (page == draw_page)
        {
          cairo_move_to (cr, block->indent, y);
          pango_cairo_show_layout (cr, layout);
        }
      y += text_height / (double) PANGO_SCALE + GAP;
    }

  return page + 1;
}

int
pd_checklist_count_pages (PdChecklist *self,
                          cairo_t     *cr,
                          double       width,
                          double       height)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  return layout_pages (self, cr, width, height, -1);
}

/* Draws page @page (from 0) in the area (0, 0, @width, @height) of @cr. */
void
pd_checklist_draw_page (PdChecklist *self,
                        cairo_t     *cr,
                        double       width,
                        double       height,
                        int          page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  layout_pages (self, cr, width, height, page);
  cairo_restore (cr);
}

gboolean
pd_checklist_export_pdf (PdChecklist  *self,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  int n_pages;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The applicant's answers and documents: written owner-only and atomically. */
  surface = pd_pdf_surface_new (bytes, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  n_pages = pd_checklist_count_pages (self, cr, A4_WIDTH - 2 * MARGIN, A4_HEIGHT - 2 * MARGIN);
  for (int page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      pd_checklist_draw_page (self, cr, A4_WIDTH - 2 * MARGIN, A4_HEIGHT - 2 * MARGIN, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);

  return pd_pdf_surface_save (surface, bytes, path, error);
}
