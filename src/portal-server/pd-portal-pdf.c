/* pd-portal-pdf.c: the Notification Letter of Work Permit and the Notification of
 * Decision on Administrative Authorization, as PDF with the signed code as QR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pd-pdf.h"
#include "pd-portal-server-private.h"

#define PAGE_WIDTH  595.0   /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN      56.0
#define QR_SIZE     150.0

typedef struct {
  const char *zh;
  const char *en;
  char       *value;
} Row;

static const char *
text_of (JsonObject *object,
         const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "—";
  return json_node_get_string (node);
}

static JsonObject *
part (JsonObject *data,
      const char *member)
{
  JsonNode *node = json_object_get_member (data, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Draws @text at (x, y) wrapped to @width; returns the height used. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static gboolean
draw_qr (cairo_t     *cr,
         const char  *code,
         double       x,
         double       y,
         GError     **error)
{
  if (!pd_pdf_draw_qr (cr, code, x, y, QR_SIZE))
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_SIGNER,
                           "the signed code does not fit in a QR code");
      return FALSE;
    }
  return TRUE;
}

static char *
kind_label (const char *kind)
{
  static const struct { const char *nick, *label; } labels[] = {
    { "new-permit", "新办  New work permit" },
    { "renewal", "延续  Renewal" },
    { "change", "变更  Change" },
    { "cancellation", "注销  Cancellation" },
    { "essc-upgrade", "电子社保卡升级  e-SSC upgrade" },
    { "residence-permit", "居留许可  Residence permit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (kind, labels[i].nick))
      return g_strdup (labels[i].label);
  return g_strdup (kind);
}

static GArray *
collect_rows (JsonObject *data)
{
  JsonObject *c = part (data, "case"), *permit = part (data, "permit");
  JsonObject *person = part (data, "person"), *employer = part (data, "employer");
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree char *category = g_ascii_strup (text_of (permit, "category"), -1);
  Row add[] = {
    { "姓名", "Name", g_strdup_printf ("%s %s  %s", text_of (person, "family_name"),
                                       text_of (person, "given_names"), text_of (person, "name_zh")) },
    { "国籍", "Nationality", g_strdup (text_of (person, "nationality")) },
    { "护照号码", "Passport number", g_strdup (text_of (person, "passport_number")) },
    { "出生日期", "Date of birth", g_strdup (text_of (person, "birth_date")) },
    { "用人单位", "Employer", g_strdup_printf ("%s  %s", text_of (employer, "name"), text_of (employer, "name_zh")) },
    { "统一社会信用代码", "Unified social credit code", g_strdup (text_of (employer, "credit_code")) },
    { "工作地点", "Place of work", g_strdup (text_of (c, "city")) },
    { "职位", "Position", g_strdup (text_of (c, "position")) },
    { "申请事项", "Application", kind_label (text_of (c, "kind")) },
    { "许可类别", "Category", g_strdup (category) },
    { "工作许可证号", "Work permit number", g_strdup (text_of (permit, "number")) },
    { "有效期", "Valid", g_strdup_printf ("%s – %s", text_of (permit, "valid_from"), text_of (permit, "valid_until")) },
    { "决定日期", "Date of decision", g_strndup (text_of (c, "decided_at"), 10) },
  };

  g_array_append_vals (rows, add, G_N_ELEMENTS (add));
  return rows;
}

static void
draw_letterhead (cairo_t  *cr,
                 gboolean  decision)
{
  cairo_set_source_rgb (cr, 0.6, 0.0, 0.0);
  draw_text (cr, "外国人来华工作管理服务系统", "Noto Sans CJK SC Bold 16", MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN);
  draw_text (cr, "Service System for Foreigners Working in China — PermitDesk reference portal",
             "Noto Sans CJK SC 9", MARGIN, MARGIN + 26, PAGE_WIDTH - 2 * MARGIN);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, MARGIN, MARGIN + 44);
  cairo_line_to (cr, PAGE_WIDTH - MARGIN, MARGIN + 44);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text (cr, decision ? "准予行政许可决定书" : "外国人工作许可通知",
             "Noto Sans CJK SC Bold 20", MARGIN, MARGIN + 60, PAGE_WIDTH - 2 * MARGIN);
  draw_text (cr, decision ? "Notification of Decision on Administrative Authorization"
                          : "Notification Letter of Work Permit",
             "Noto Sans CJK SC 12", MARGIN, MARGIN + 92, PAGE_WIDTH - 2 * MARGIN);
}

static double
draw_rows (cairo_t *cr,
           GArray  *rows,
           double   y)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autofree char *label = g_strdup_printf ("%s  %s", row->zh, row->en);
      double h1 = draw_text (cr, label, "Noto Sans CJK SC 9", MARGIN, y, 190);
      double h2 = draw_text (cr, row->value, "Noto Sans CJK SC 10", MARGIN + 200, y,
                             PAGE_WIDTH - 2 * MARGIN - 200);

      y += MAX (h1, h2) + 6;
    }
  return y;
}

static const char decision_zh[] =
  "经审查，该申请符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，"
  "决定准予行政许可。请持本决定书及外国人工作许可通知办理后续手续。";
static const char decision_en[] =
  "Upon review, the application meets the statutory conditions and standards. Under Article 38(1) "
  "of the Administrative Licensing Law of the People's Republic of China, the administrative "
  "authorization is granted. Keep this decision with the Notification Letter of Work Permit.";
static const char notice_zh[] =
  "兹通知，上述外国人已获准在华工作。工作许可信息已记录于电子社保卡，可扫描右下方二维码核验。";
static const char notice_en[] =
  "The foreign national named above is permitted to work in China. The permit is recorded on the "
  "electronic Social Security Card; scan the QR code to verify it.";

/* @document_data: {case, permit, person, employer} as given to the code signer. */
GBytes *
pd_portal_pdf_render (JsonObject  *document_data,
                      gboolean     decision,
                      const char  *code,
                      GError     **error)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  g_autoptr(GArray) rows = collect_rows (document_data);
  cairo_t *cr;
  double y;
  gboolean ok;

  surface = pd_pdf_surface_new (bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  draw_letterhead (cr, decision);
  y = draw_rows (cr, rows, MARGIN + 130) + 12;
  /* The closing text runs beside the QR code, never under it. */
  y += draw_text (cr, decision ? decision_zh : notice_zh, "Noto Sans CJK SC 10", MARGIN, y,
                  PAGE_WIDTH - 2 * MARGIN - QR_SIZE - 16) + 6;
  draw_text (cr, decision ? decision_en : notice_en, "Noto Sans CJK SC 9", MARGIN, y,
             PAGE_WIDTH - 2 * MARGIN - QR_SIZE - 16);
  ok = draw_qr (cr, code, PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN - QR_SIZE - 16, error);
  draw_text (cr, "扫码核验  Scan to verify", "Noto Sans CJK SC 8",
             PAGE_WIDTH - MARGIN - QR_SIZE, PAGE_HEIGHT - MARGIN - 12, QR_SIZE);
  cairo_destroy (cr);
  ok = pd_pdf_surface_finish (surface, ok ? error : NULL) && ok;
  for (guint i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, Row, i).value);
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
                             "PDF rendering failed");
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}
