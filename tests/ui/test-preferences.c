/* test-preferences.c: the Preferences window under Xvfb, bound to real settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"
#include "config.h"

#include <adwaita.h>

#include "pd-core.h"
#include "pd-preferences-window.h"

static void
test_preferences_role_follows_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  PdPreferencesWindow *window = pd_preferences_window_new (NULL, settings);
  GtkWidget *role = pd_test_find_row (GTK_WIDGET (window), "_Role");
  g_autofree char *nick = NULL;

  g_assert_nonnull (role);
  g_settings_set_string (settings, "role", "applicant");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (role)), ==, 2);

  adw_combo_row_set_selected (ADW_COMBO_ROW (role), 0);
  nick = g_settings_get_string (settings, "role");
  g_assert_cmpstr (nick, ==, "officer");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "role");
}

static void
test_preferences_bad_portal_address_is_refused (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  PdPreferencesWindow *window = pd_preferences_window_new (NULL, settings);
  GtkWidget *portal = pd_test_find_row (GTK_WIDGET (window), "Portal _address");
  g_autofree char *before = g_settings_get_string (settings, "portal-url");
  g_autofree char *after = NULL;
  g_autofree char *applied = NULL;

  g_assert_nonnull (portal);
  gtk_editable_set_text (GTK_EDITABLE (portal), "ftp:/nowhere");
  g_signal_emit_by_name (portal, "apply");
  after = g_settings_get_string (settings, "portal-url");
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_widget_has_css_class (portal, "error"));

  gtk_editable_set_text (GTK_EDITABLE (portal), " https://portal.example.org:8443 ");
  g_signal_emit_by_name (portal, "apply");
  applied = g_settings_get_string (settings, "portal-url");
  g_assert_cmpstr (applied, ==, "https://portal.example.org:8443");
  g_assert_false (gtk_widget_has_css_class (portal, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "portal-url");
}

/* Whether Preferences keeps @text; a refused address marks the row as an error. */
static gboolean
portal_address_applies (GtkWidget  *portal,
                        GSettings  *settings,
                        const char *text)
{
  g_autofree char *after = NULL;
  gboolean applied;

  g_settings_set_string (settings, "portal-url", "https://before.example.org");
  gtk_editable_set_text (GTK_EDITABLE (portal), text);
  g_signal_emit_by_name (portal, "apply");
  after = g_settings_get_string (settings, "portal-url");
  applied = g_strcmp0 (after, text) == 0;
  g_assert_true (applied != gtk_widget_has_css_class (portal, "error"));
  return applied;
}

/* Over plain http the password and the token travel in clear: only to this computer. */
static void
test_preferences_http_only_for_loopback (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  PdPreferencesWindow *window = pd_preferences_window_new (NULL, settings);
  GtkWidget *portal = pd_test_find_row (GTK_WIDGET (window), "Portal _address");

  g_assert_false (portal_address_applies (portal, settings, "http://portal.example.org"));
  g_assert_false (portal_address_applies (portal, settings, "http://10.1.2.3:8080"));
  g_assert_false (portal_address_applies (portal, settings, "http://localhost.example.org"));
  g_assert_true (portal_address_applies (portal, settings, "http://127.0.0.1:8080"));
  g_assert_true (portal_address_applies (portal, settings, "http://127.1.2.3:8080"));
  g_assert_true (portal_address_applies (portal, settings, "http://[::1]:8080"));
  g_assert_true (portal_address_applies (portal, settings, "http://localhost:8080"));
  g_assert_true (portal_address_applies (portal, settings, "https://portal.example.org"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "portal-url");
}

static void
test_preferences_operator_and_data_folder (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  PdPreferencesWindow *window = pd_preferences_window_new (NULL, settings);
  GtkWidget *operator = pd_test_find_row (GTK_WIDGET (window), "_Operator name or staff number");
  GtkWidget *folder = pd_test_find_row (GTK_WIDGET (window), "Data folder");
  g_autofree char *value = NULL;

  gtk_editable_set_text (GTK_EDITABLE (operator), "Officer 0427");
  value = g_settings_get_string (settings, "operator");
  g_assert_cmpstr (value, ==, "Officer 0427");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (folder)), ==, pd_core_get_data_dir ());

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "operator");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/preferences/role-follows-settings", test_preferences_role_follows_settings);
  g_test_add_func ("/ui/preferences/bad-portal-address-is-refused", test_preferences_bad_portal_address_is_refused);
  g_test_add_func ("/ui/preferences/http-only-for-loopback", test_preferences_http_only_for_loopback);
  g_test_add_func ("/ui/preferences/operator-and-data-folder", test_preferences_operator_and_data_folder);

  return g_test_run ();
}
