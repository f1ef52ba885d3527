/* test-online-preferences.c: signing in from the Preferences window, under Xvfb,
 * against a real permitdesk-portal on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"
#include "config.h"

#include <adwaita.h>

#include "pd-portal-test.h"
#include "pd-preferences-window.h"
#include "pd-sign-in-dialog.h"
#include "pd-store.h"
#include "pd-sync-button.h"
#include "pd-sync-engine.h"
#include "pd-test-util.h"

static PdSignInDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PD_IS_SIGN_IN_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PD_SIGN_IN_DIALOG (window);
    }
  return NULL;
}

static void
type_credentials (PdSignInDialog *dialog,
                  const char     *user,
                  const char     *password)
{
  gtk_editable_set_text (GTK_EDITABLE (pd_test_find_row (GTK_WIDGET (dialog), "_User name")), user);
  gtk_editable_set_text (GTK_EDITABLE (pd_test_find_row (GTK_WIDGET (dialog), "_Password")), password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.sign-in", NULL));
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("timed out waiting for the portal's answer");
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  guint timeout = g_timeout_add_seconds (20, on_timeout_cb, NULL);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
dialog_shows_error (gpointer data)
{
  return pd_sign_in_dialog_get_error (data) != NULL;
}

static gboolean
dialog_closed (gpointer data)
{
  return find_dialog () == NULL;
}

static void
test_sign_in_from_preferences (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_new (portal->url);
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  PdPreferencesWindow *window = pd_preferences_window_new (NULL, settings);
  GtkWidget *account = pd_test_find_row (GTK_WIDGET (window), "Account");
  PdSignInDialog *dialog;
  g_autofree char *remembered = NULL;

  pd_preferences_window_set_portal_client (window, client);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (account);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (account)), ==, "Not signed in");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.sign-in", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* A wrong password: the dialog stays and shows the portal's answer. */
  type_credentials (dialog, "hr", "not-the-password");
  wait_until (dialog_shows_error, dialog);
  g_assert_cmpstr (pd_sign_in_dialog_get_error (dialog), ==,
                   "The portal did not accept this user name and password. Check them and sign in again.");
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (account)), ==, "Not signed in");

  /* The right one: the dialog closes, the window names the user and the role. */
  type_credentials (dialog, "hr", "hr-demo");
  wait_until (dialog_closed, NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (account)), ==, "Signed in as “hr”, HR clerk");
  remembered = g_settings_get_string (settings, "portal-user");
  g_assert_cmpstr (remembered, ==, "hr");
  /* The test client keeps its token in the private file, as without a keyring. */
  g_assert_true (gtk_widget_get_visible (pd_test_find_row (GTK_WIDGET (window), "No keyring is running")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "portal-user");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
client_signed_in (gpointer data)
{
  return pd_portal_client_get_signed_in (data);
}

/* A session that expired, or none: the sync button offers to sign in right there,
 * and the user is remembered for the next start as from Preferences. */
static void
test_sign_in_from_sync_button (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_new (portal->url);
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (NULL, &error);
  g_autoptr(PdSyncEngine) engine = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = g_object_new (PD_TYPE_SYNC_BUTTON, NULL);
  GtkPopover *popover;
  GtkWidget *sign_in;
  PdSignInDialog *dialog;
  g_autofree char *remembered = NULL;

  g_assert_no_error (error);
  engine = pd_sync_engine_new (store, client);
  pd_sync_button_set_engine (PD_SYNC_BUTTON (button), engine);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));

  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (pd_test_find_type (button, GTK_TYPE_MENU_BUTTON)));
  sign_in = find_button (GTK_WIDGET (popover), "Sign _In…");
  g_assert_nonnull (sign_in);
  g_assert_true (gtk_widget_get_visible (sign_in));
  g_assert_cmpstr (pd_sync_button_get_status_text (PD_SYNC_BUTTON (button)), ==,
                   "Not signed in to the portal: sign in to sync");

  g_assert_true (gtk_widget_activate_action (button, "sync.sign-in", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  type_credentials (dialog, "hr", "hr-demo");
  wait_until (dialog_closed, NULL);
  wait_until (client_signed_in, client);
  g_assert_false (gtk_widget_get_visible (sign_in));
  remembered = g_settings_get_string (settings, "portal-user");
  g_assert_cmpstr (remembered, ==, "hr");

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "portal-user");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  data_dir = pd_test_make_tmpdir ("pd-online-prefs-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/online/preferences/sign-in-shows-portal-message-then-user-and-role", test_sign_in_from_preferences);
  g_test_add_func ("/online/sync-button/sign-in-from-the-sync-button", test_sign_in_from_sync_button);

  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
