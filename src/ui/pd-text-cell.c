/* pd-text-cell.c: one line of text for a cell of a large table
 *
 * A GtkLabel in each of the Cases table's 2,000 kept cells made every sort
 * lay out all of them three times: GTK 4.8's GtkListView keeps 200 rows of
 * widgets whatever the window shows, rebinds them all on a reorder, and a
 * label that gets a new text asks for a new size, which measures its text at
 * its natural width, then at the column's width, before drawing it. A row of
 * a table has one height for every text, so this cell's height is the height
 * of a line of its font, computed once per font; a new text only asks for a
 * redraw, and is shaped once, when it is drawn at the cell's width (ellipsized).
 *
 * The cell asks for no width: it is made for the columns of a table, which
 * give their cells a width (the Cases table's columns have a fixed width the
 * user can change). GTK measures every cell's width anyway, and measuring the
 * text there cost a quarter of each keystroke's time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pangocairo.h>

#include "pd-text-cell.h"

struct _PdTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;           /* at layout_width, NULL until drawn */
  int          layout_width;
  PangoFontDescription *font;    /* of the layout */
};

G_DEFINE_FINAL_TYPE (PdTextCell, pd_text_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Latin with accents and CJK: the tallest lines this table shows. */
#define SAMPLE_TEXT "Ág中"

/* The height of one line of @widget's font: cells of every row share it, so it
 * is computed once per font and resolution (cells live on the main thread). */
static int
line_height (GtkWidget *widget)
{
  static PangoFontDescription *cached_font;
  static double cached_resolution;
  static int cached_height;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoLayout) layout = NULL;

  if (cached_font != NULL && resolution == cached_resolution && pango_font_description_equal (font, cached_font))
    return cached_height;

  layout = pango_layout_new (context);
  pango_layout_set_text (layout, SAMPLE_TEXT, -1);
  pango_layout_get_pixel_size (layout, NULL, &cached_height);
  g_clear_pointer (&cached_font, pango_font_description_free);
  cached_font = pango_font_description_copy (font);
  cached_resolution = resolution;

  return cached_height;
}

static PangoLayout *
ensure_layout (PdTextCell *self,
               int         width)
{
  if (self->layout == NULL)
    {
      gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (self->layout)));
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_auto_dir (self->layout, FALSE);
      pango_layout_set_alignment (self->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      self->layout_width = -1;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

  return self->layout;
}

static void
pd_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = line_height (widget);
      return;
    }

  *minimum = *natural = 0;
}

static void
pd_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PdTextCell *self = PD_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  PangoLayout *layout;
  int height;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  layout = ensure_layout (self, width);
  pango_layout_get_pixel_size (layout, NULL, &height);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              0, (gtk_widget_get_height (widget) - height) / 2, layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The style changed: hover and selection change the colour alone, which is
 * applied when drawn; a new font needs the text shaped again. */
static void
pd_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  PdTextCell *self = PD_TEXT_CELL (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (pd_text_cell_parent_class)->css_changed (widget, change);
  if (self->layout == NULL)
    return;
  context = gtk_widget_get_pango_context (widget);
  if (self->font == NULL || !pango_font_description_equal (self->font, pango_context_get_font_description (context)))
    g_clear_object (&self->layout);
}

static void
pd_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  PdTextCell *self = PD_TEXT_CELL (widget);

  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
pd_text_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdTextCell *self = PD_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, pd_text_cell_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_text_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PdTextCell *self = PD_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pd_text_cell_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_text_cell_finalize (GObject *object)
{
  PdTextCell *self = PD_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->text);

  G_OBJECT_CLASS (pd_text_cell_parent_class)->finalize (object);
}

static void
pd_text_cell_class_init (PdTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pd_text_cell_finalize;
  object_class->get_property = pd_text_cell_get_property;
  object_class->set_property = pd_text_cell_set_property;
  widget_class->measure = pd_text_cell_measure;
  widget_class->snapshot = pd_text_cell_snapshot;
  widget_class->css_changed = pd_text_cell_css_changed;
  widget_class->direction_changed = pd_text_cell_direction_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Styled and announced as the label it stands for. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
pd_text_cell_init (PdTextCell *self)
{
}

GtkWidget *
pd_text_cell_new (void)
{
  return g_object_new (PD_TYPE_TEXT_CELL, NULL);
}

const char *
pd_text_cell_get_text (PdTextCell *self)
{
  g_return_val_if_fail (PD_IS_TEXT_CELL (self), NULL);

  return self->text != NULL ? self->text : "";
}

/* Takes @text (may be NULL: no text). */
void
pd_text_cell_take_text (PdTextCell *self,
                        char       *text)
{
  g_return_if_fail (PD_IS_TEXT_CELL (self));
  g_return_if_fail (text == NULL || text != self->text);

  if (g_strcmp0 (self->text, text) == 0)
    {
      g_free (text);
      return;
    }

  g_free (self->text);
  self->text = text;
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, pd_text_cell_get_text (self), -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
pd_text_cell_set_text (PdTextCell *self,
                       const char *text)
{
  pd_text_cell_take_text (self, g_strdup (text));
}
