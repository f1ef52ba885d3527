/* pd-verify-print.c: the detailed work permit information page (cairo)
 *
 * One drawing routine serves the PDF export and GtkPrintOperation's draw-page. Text
 * goes through Pango so Chinese names render (fontconfig falls back to Noto CJK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "pd-core.h"
#include "pd-pdf.h"
#include "pd-verify-print.h"

#define MARGIN   48.0
#define QR_SIZE  150.0
#define FONT     "Noto Sans CJK SC, Sans"

/* Draws @text at (@x, @y) wrapped to @width; returns the height used. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      width,
           double      size,
           gboolean    bold)
{
  g_autoptr(GObject) context = G_OBJECT (pango_cairo_create_context (cr));
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  int w, h;

  /* Cairo units here are points: sizes are points on paper and on screen. */
  pango_cairo_context_set_resolution (PANGO_CONTEXT (context), 72);
  layout = pango_layout_new (PANGO_CONTEXT (context));

  pango_font_description_set_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
draw_qr (cairo_t    *cr,
         const char *text,
         double      x,
         double      y,
         double      size)
{
  if (!pd_pdf_draw_qr (cr, text, x, y, size))
    draw_text (cr, _("The code is too long to print as a QR code"), x, y, size, 8, FALSE);
}

static void
set_result_colour (cairo_t         *cr,
                   PdVerdictResult  result)
{
  switch (result)
    {
    case PD_VERDICT_RESULT_VALID:
      cairo_set_source_rgb (cr, 0.15, 0.52, 0.25);
      break;
    case PD_VERDICT_RESULT_CHECK_NEEDED:
      cairo_set_source_rgb (cr, 0.80, 0.50, 0.00);
      break;
    case PD_VERDICT_RESULT_INVALID:
    default:
      cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
      break;
    }
}

/* The coloured band: result word and reason in white, so it reads in grey too. */
static double
draw_result (cairo_t   *cr,
             PdVerdict *verdict,
             double     x,
             double     y,
             double     width)
{
  double height = 64;

  set_result_colour (cr, pd_verdict_get_result (verdict));
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  draw_text (cr, pd_verdict_result_to_label (pd_verdict_get_result (verdict)), x + 12, y + 6, width - 24, 20, TRUE);
  draw_text (cr, pd_verdict_get_reason (verdict), x + 12, y + 38, width - 24, 10, FALSE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  return height;
}

static double
draw_row (cairo_t    *cr,
          const char *label,
          const char *value,
          double      x,
          double      y,
          double      width)
{
  double h1, h2;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  h1 = draw_text (cr, label, x, y, 130, 10, FALSE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  h2 = draw_text (cr, value, x + 140, y, width - 140, 11, TRUE);
  return MAX (h1, h2) + 5;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return g_strdup (_("never"));
  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
}

static double
draw_provenance (cairo_t    *cr,
                 PdVerdict  *verdict,
                 const char *operator_name,
                 double      x,
                 double      y,
                 double      width)
{
  g_autofree char *verified = format_time (pd_verdict_get_verified_at (verdict));
  g_autofree char *trust = format_time (pd_verdict_get_trust_updated_at (verdict));
  g_autofree char *online = format_time (pd_verdict_get_checked_online (verdict));
  PdCode *code = pd_verdict_get_code (verdict);
  double start = y;

  y += draw_row (cr, _("Verified at"), verified, x, y, width);
  y += draw_row (cr, _("Operator"), operator_name, x, y, width);
  y += draw_row (cr, _("Read from"), pd_code_source_to_label (pd_code_get_source (code)), x, y, width);
  y += draw_row (cr, _("Trust data from"), trust, x, y, width);
  y += draw_row (cr, _("Checked online"), online, x, y, width);
  y += draw_row (cr, _("Code SHA-256"), pd_verdict_get_code_hash (verdict), x, y, width);
  return y - start;
}

/**
 * pd_verify_print_draw:
 * @cr: where to draw, in points
 * @width: page width in points
 * @height: page height in points
 * @verdict: what to print
 * @operator_name: who verified
 * @printed_at: the time printed in the footer
 *
 * Draws the detailed work permit information page: verdict, holder fields, layers,
 * provenance and the code as a QR code again.
 */
void
pd_verify_print_draw (cairo_t    *cr,
                      double      width,
                      double      height,
                      PdVerdict  *verdict,
                      const char *operator_name,
                      GDateTime  *printed_at)
{
  double x = MARGIN, y = MARGIN, content = width - 2 * MARGIN;
  g_autofree char *printed = NULL;
  g_autofree char *footer = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PD_IS_VERDICT (verdict));
  g_return_if_fail (operator_name != NULL && printed_at != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_qr (cr, pd_code_get_text (pd_verdict_get_code (verdict)), x + content - QR_SIZE, y, QR_SIZE);
  y += draw_text (cr, _("Detailed work permit information"), x, y, content - QR_SIZE - 12, 16, TRUE) + 8;
  y += draw_text (cr, _("Foreigner’s Work Permit verification record"), x, y, content - QR_SIZE - 12, 10, FALSE);
  y = MAX (y, MARGIN + QR_SIZE) + 12;

  y += draw_result (cr, verdict, x, y, content) + 16;
  for (guint i = 0; i < PD_VERDICT_N_FIELDS; i++)
    {
      const char *value = pd_verdict_get_field (verdict, i);

      if (value != NULL)
        y += draw_row (cr, pd_verdict_field_to_label (i), value, x, y, content);
    }

  y += 12;
  y += draw_text (cr, _("Checks"), x, y, content, 12, TRUE) + 4;
  for (guint i = 0; i < PD_VERDICT_N_LAYERS; i++)
    {
      const char *reason = pd_verdict_get_layer_reason (verdict, i);
      g_autofree char *line = g_strdup_printf ("%s — %s", pd_layer_state_to_label (pd_verdict_get_layer_state (verdict, i)),
                                               reason != NULL ? reason : _("Not checked"));

      y += draw_row (cr, pd_verdict_layer_to_label (i), line, x, y, content);
    }

  y += 12;
  draw_provenance (cr, verdict, operator_name, x, y, content);

  printed = format_time (printed_at);
  footer = g_strdup_printf (_("Printed %s by PermitDesk"), printed);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  draw_text (cr, footer, x, height - MARGIN, content, 8, FALSE);
  cairo_restore (cr);
}

/**
 * pd_verify_export_pdf:
 * @verdict: what to export
 * @operator_name: who verified
 * @path: the PDF to write (replaced atomically, readable by the owner only: it
 *   holds personal data)
 * @error: return location for an error
 *
 * Returns: whether the PDF was written
 */
gboolean
pd_verify_export_pdf (PdVerdict   *verdict,
                      const char  *operator_name,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (PD_IS_VERDICT (verdict), FALSE);
  g_return_val_if_fail (operator_name != NULL && path != NULL, FALSE);

  surface = pd_pdf_surface_new (pdf, PD_VERIFY_PRINT_PAGE_WIDTH, PD_VERIFY_PRINT_PAGE_HEIGHT);
  cr = cairo_create (surface);
  pd_verify_print_draw (cr, PD_VERIFY_PRINT_PAGE_WIDTH, PD_VERIFY_PRINT_PAGE_HEIGHT,
                        verdict, operator_name, now);
  cairo_show_page (cr);
  cairo_destroy (cr);

  return pd_pdf_surface_save (surface, pdf, path, error);
}
