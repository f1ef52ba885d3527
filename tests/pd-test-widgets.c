/* pd-test-widgets.c: finding what a user sees in a real window, for the window tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"

/* The first widget of @type below @root (or @root), depth first. */
GtkWidget *
pd_test_find_type (GtkWidget *root,
                   GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pd_test_find_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The preferences row (entry, combo, action row) a user knows by its title. */
GtkWidget *
pd_test_find_row (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pd_test_find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until @widget's window has painted a frame with @widget
 * drawn again (what a keystroke, a sort or an edit changed). */
void
pd_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}
