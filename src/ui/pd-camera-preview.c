/* pd-camera-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera picture, fitted inside the widget, with the detected code outlined on top. The
 * outline is drawn in the same snapshot as the frame so it stays on the code at any size.
 */
#define G_LOG_DOMAIN "pd-ui"

#include "config.h"

#include "pd-camera-preview.h"

#define FLASH_MS 450

struct _PdCameraPreview
{
  GtkWidget   parent_instance;

  GdkTexture *frame;
  PdPoint    *corners;
  guint       n_corners;
  guint       flash_id;
};

G_DEFINE_FINAL_TYPE (PdCameraPreview, pd_camera_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the frame lands inside the widget: scaled to fit, centred. */
static void
get_frame_area (PdCameraPreview *self,
                graphene_rect_t *area,
                double          *scale)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double frame_width = gdk_texture_get_width (self->frame);
  double frame_height = gdk_texture_get_height (self->frame);

  *scale = MIN (width / frame_width, height / frame_height);
  graphene_rect_init (area,
                      (width - frame_width * *scale) / 2,
                      (height - frame_height * *scale) / 2,
                      frame_width * *scale,
                      frame_height * *scale);
}

static void
snapshot_outline (PdCameraPreview       *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *area,
                  double                 scale)
{
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, area);
  cairo_translate (cr, area->origin.x, area->origin.y);
  for (guint i = 0; i < self->n_corners; i++)
    cairo_line_to (cr, self->corners[i].x * scale, self->corners[i].y * scale);
  cairo_close_path (cr);

  /* A dark edge under the green line keeps it visible on light and dark cards alike. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_set_line_width (cr, 7);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.15, 0.64, 0.41);
  cairo_set_line_width (cr, 4);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static gboolean
on_flash_done_cb (gpointer user_data)
{
  PdCameraPreview *self = user_data;

  self->flash_id = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "flash");

  return G_SOURCE_REMOVE;
}

static void
pd_camera_preview_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PdCameraPreview *self = PD_CAMERA_PREVIEW (widget);
  graphene_rect_t area;
  double scale;

  if (self->frame == NULL)
    return;

  get_frame_area (self, &area, &scale);
  gtk_snapshot_append_texture (snapshot, self->frame, &area);

  if (self->n_corners >= 3)
    snapshot_outline (self, snapshot, &area, scale);
}

static void
pd_camera_preview_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gboolean horizontal = orientation == GTK_ORIENTATION_HORIZONTAL;

  *minimum = horizontal ? 240 : 180;
  *natural = horizontal ? 640 : 480;
}

static void
pd_camera_preview_dispose (GObject *object)
{
  PdCameraPreview *self = (PdCameraPreview *)object;

  g_clear_handle_id (&self->flash_id, g_source_remove);
  g_clear_object (&self->frame);
  g_clear_pointer (&self->corners, g_free);

  G_OBJECT_CLASS (pd_camera_preview_parent_class)->dispose (object);
}

static void
pd_camera_preview_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PdCameraPreview *self = PD_CAMERA_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      g_value_set_object (value, self->frame);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_preview_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PdCameraPreview *self = PD_CAMERA_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_FRAME:
      pd_camera_preview_set_frame (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_camera_preview_class_init (PdCameraPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_camera_preview_dispose;
  object_class->get_property = pd_camera_preview_get_property;
  object_class->set_property = pd_camera_preview_set_property;

  widget_class->snapshot = pd_camera_preview_snapshot;
  widget_class->measure = pd_camera_preview_measure;

  properties[PROP_FRAME] =
    g_param_spec_object ("frame", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "camerapreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pd_camera_preview_init (PdCameraPreview *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
pd_camera_preview_new (void)
{
  return g_object_new (PD_TYPE_CAMERA_PREVIEW, NULL);
}

GdkTexture *
pd_camera_preview_get_frame (PdCameraPreview *self)
{
  g_return_val_if_fail (PD_IS_CAMERA_PREVIEW (self), NULL);

  return self->frame;
}

void
pd_camera_preview_set_frame (PdCameraPreview *self,
                             GdkTexture      *frame)
{
  g_return_if_fail (PD_IS_CAMERA_PREVIEW (self));
  g_return_if_fail (!frame || GDK_IS_TEXTURE (frame));

  if (g_set_object (&self->frame, frame))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
    }
}

/* Corners are in the frame's pixels; no corners removes the outline. */
void
pd_camera_preview_set_outline (PdCameraPreview *self,
                               const PdPoint   *corners,
                               guint            n_corners)
{
  g_return_if_fail (PD_IS_CAMERA_PREVIEW (self));
  g_return_if_fail (corners != NULL || n_corners == 0);

  g_free (self->corners);
  self->corners = g_memdup2 (corners, sizeof *corners * n_corners);
  self->n_corners = n_corners;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
pd_camera_preview_get_n_corners (PdCameraPreview *self)
{
  g_return_val_if_fail (PD_IS_CAMERA_PREVIEW (self), 0);

  return self->n_corners;
}

/* Restarts the CSS "flash" animation (see pd-verify-view.css). */
void
pd_camera_preview_flash (PdCameraPreview *self)
{
  g_return_if_fail (PD_IS_CAMERA_PREVIEW (self));

  g_clear_handle_id (&self->flash_id, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "flash");
  gtk_widget_add_css_class (GTK_WIDGET (self), "flash");
  self->flash_id = g_timeout_add (FLASH_MS, on_flash_done_cb, self);
}
