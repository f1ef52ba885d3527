/* test-sync-window.c: the real window synced with a real permitdesk-portal
 *
 * Signed in as the demo HR clerk the way `build-aux/dev run` does, the app fetches the
 * portal's cases, says so in the header bar, keeps an edit made while the portal is
 * down and sends it once it is back, and downloads the two notification documents of
 * an approved case into private files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-application.h"
#include "pd-case-detail.h"
#include "pd-model.h"
#include "pd-portal-test.h"
#include "pd-store.h"
#include "pd-sync-button.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-window.h"

typedef struct {
  char          *data_dir;
  PdTestPortal  *portal;
  PdApplication *app;
  PdWindow      *window;
  PdSyncEngine  *engine;
  PdSyncButton  *button;
  PdTestNotifications *notifications;
} Fixture;

/* Spins until @done says so, at most 30 s. */
static void
spin_until (gboolean (*done) (Fixture *), Fixture *f)
{
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
synced (Fixture *f)
{
  return pd_sync_engine_get_state (f->engine) == PD_SYNC_STATE_IDLE &&
         pd_sync_engine_get_last_synced (f->engine) != NULL;
}

static gboolean
offline (Fixture *f)
{
  return pd_sync_engine_get_state (f->engine) == PD_SYNC_STATE_OFFLINE;
}

static char *
demo_path (const char *dir,
           const char *name)
{
  return g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", dir, name, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *cert = demo_path ("", "demo-signer.pem");
  g_autofree char *key = demo_path ("demo-keys", "demo-signer.key");
  g_autofree char *list_cert = demo_path ("", "demo-list-signer.pem");
  g_autofree char *list_key = demo_path ("demo-keys", "demo-list-signer.key");
  g_autofree char *ca = demo_path ("", "demo-ca.pem");
  const char *args[] = { "--signer-cert", cert, "--signer-key", key,
                         "--list-signer-cert", list_cert, "--list-signer-key", list_key, "--ca-cert", ca, NULL };

  f->data_dir = pd_test_make_tmpdir ("pd-sync-window-XXXXXX");
  /* A desktop has a notification server; the deadline reminders may come. */
  f->notifications = pd_test_notifications_new ();
  f->portal = pd_test_portal_start (args);
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);
  g_setenv ("PERMITDESK_PORTAL_URL", f->portal->url, TRUE);
  g_setenv ("PERMITDESK_PORTAL_USER", "hr", TRUE);
  g_setenv ("PERMITDESK_PORTAL_PASSWORD", "hr-demo", TRUE);
  g_setenv ("PERMITDESK_CAMERA_PIPELINE", "videotestsrc is-live=true ! video/x-raw,width=160,height=120", TRUE);

  f->app = pd_test_app_start (&f->window);
  f->engine = pd_application_get_sync_engine (f->app);
  f->button = PD_SYNC_BUTTON (pd_test_find_type (GTK_WIDGET (f->window), PD_TYPE_SYNC_BUTTON));
  g_assert_nonnull (f->engine);
  g_assert_nonnull (f->button);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_clear_pointer (&f->portal, pd_test_portal_free);
  g_clear_pointer (&f->notifications, pd_test_notifications_free);
  g_unsetenv ("PERMITDESK_PORTAL_USER");
  g_unsetenv ("PERMITDESK_PORTAL_PASSWORD");
  g_unsetenv ("PERMITDESK_PORTAL_URL");
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
}

/* A draft the portal lets the clerk edit, which the local rules accept for saving. */
static PdCase *
editable_case (Fixture *f)
{
  PdStore *store = pd_application_get_store (f->app);
  GListModel *cases = pd_store_get_cases (store);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      if (pd_case_get_status (item) == PD_CASE_STATUS_DRAFT && pd_case_get_remote_id (item) != NULL &&
          pd_case_validate (item, NULL))
        return g_steal_pointer (&item);
    }
  g_assert_not_reached ();
}

static void
test_sync_window_offline_edit_is_kept_and_sent (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(PdCase) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(JsonObject) remote = NULL;

  spin_until (synced, f);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (pd_application_get_store (f->app))), >, 0);
  g_assert_cmpstr (pd_sync_button_get_status_text (f->button), ==, "In step with the portal");

  /* The portal goes away; the clerk's edit is kept and said to wait. */
  pd_test_portal_kill (f->portal);
  item = editable_case (f);
  pd_case_set_notes (item, "Original passport seen at the desk");
  g_assert_true (pd_store_save_case (pd_application_get_store (f->app), item, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->button), "sync.now", NULL));
  spin_until (offline, f);
  g_assert_cmpstr (pd_sync_button_get_status_text (f->button), ==, "Offline: changes are kept and sent later");
  g_assert_cmpuint (pd_store_count_pending_changes (pd_application_get_store (f->app)), ==, 1);

  /* Back again: the edit arrives, once. */
  pd_test_portal_restart (f->portal);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->button), "sync.now", NULL));
  spin_until (synced, f);
  g_assert_cmpuint (pd_store_count_pending_changes (pd_application_get_store (f->app)), ==, 0);
  g_assert_cmpstr (pd_sync_button_get_status_text (f->button), ==, "In step with the portal");

  client = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  remote = pd_test_get_case (client, pd_case_get_remote_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (remote, "notes"), ==, "Original passport seen at the desk");
}

static gboolean
notices_here (Fixture *f)
{
  PdCaseDetail *detail = PD_CASE_DETAIL (pd_test_find_type (GTK_WIDGET (f->window), PD_TYPE_CASE_DETAIL));
  GListModel *documents = pd_case_get_documents (pd_case_detail_get_case (detail));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);

      if (pd_document_get_file_path (document) != NULL &&
          (g_str_equal (pd_document_get_kind (document), "notice") ||
           g_str_equal (pd_document_get_kind (document), "decision")))
        n++;
    }
  return n == 2;
}

static void
test_sync_window_downloads_the_notices (Fixture       *f,
                                        gconstpointer  data)
{
  GListModel *cases;
  PdCase *approved = NULL;
  PdCaseDetail *detail;
  GListModel *documents;

  spin_until (synced, f);
  cases = pd_store_get_cases (pd_application_get_store (f->app));
  for (guint i = 0; approved == NULL && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      if (pd_case_get_status (item) == PD_CASE_STATUS_APPROVED && pd_case_get_remote_id (item) != NULL)
        approved = item;
    }
  g_assert_nonnull (approved);

  g_assert_true (pd_window_show_case (f->window, pd_case_get_id (approved)));
  detail = PD_CASE_DETAIL (pd_test_find_type (GTK_WIDGET (f->window), PD_TYPE_CASE_DETAIL));
  g_assert_true (pd_case_detail_get_case (detail) == approved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.download-notices", NULL));
  g_test_message ("waiting for the notices");
  spin_until (notices_here, f);

  documents = pd_case_get_documents (approved);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);
      const char *path = pd_document_get_file_path (document);
      struct stat st;

      if (path == NULL)
        continue;
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      g_assert_cmpuint (strlen (pd_document_get_sha256 (document)), ==, 64);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/online/sync-window/offline-edit-is-kept-and-sent", Fixture, NULL,
              fixture_setup, test_sync_window_offline_edit_is_kept_and_sent, fixture_teardown);
  g_test_add ("/online/sync-window/downloads-the-notices", Fixture, NULL,
              fixture_setup, test_sync_window_downloads_the_notices, fixture_teardown);

  return g_test_run ();
}
