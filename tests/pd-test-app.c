/* pd-test-app.c: the PermitDesk application started for a window test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-app.h"

/* A new application, registered and activated as a desktop would start it,
 * under an id of its own: a registered id stays exported on the session bus
 * for the rest of the process. @window: (out): its main window. */
PdApplication *
pd_test_app_start (PdWindow **window)
{
  static guint n_apps;
  g_autofree char *id = g_strdup_printf ("org.example.PermitDesk.Test%u", n_apps++);
  g_autoptr(GError) error = NULL;
  PdApplication *app = pd_application_new (id);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  *window = PD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (*window);
  return app;
}
