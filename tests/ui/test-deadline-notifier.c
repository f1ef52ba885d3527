/* test-deadline-notifier.c: deadline reminders reach the desktop once a day
 *
 * The real application and window on demo data, a notification server on the test's
 * session bus (build-aux/dev test runs under dbus-run-session).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pd-application.h"
#include "pd-case-index.h"
#include "pd-deadline-notifier.h"
#include "pd-demo.h"
#include "pd-model.h"
#include "pd-store.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-window.h"

typedef struct {
  char                *data_dir;
  PdApplication       *app;
  PdWindow            *window;
  GSettings           *settings;
  PdTestNotifications *server;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;

  f->data_dir = pd_test_make_tmpdir ("pd-reminders-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);
  g_setenv ("PERMITDESK_CAMERA_PIPELINE", "videotestsrc is-live=true ! video/x-raw,width=160,height=120", TRUE);
  store = pd_store_open (NULL, &error);
  g_assert_no_error (error);
  pd_demo_fill_store (store, &error);
  g_assert_no_error (error);

  f->settings = g_settings_new ("org.example.PermitDesk");
  g_settings_set_string (f->settings, "last-reminder-date", "");
  g_settings_set_int (f->settings, "reminder-days", 7);

  f->server = pd_test_notifications_new ();
  f->app = pd_test_app_start (&f->window);
  pd_test_spin (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_settings_reset (f->settings, "last-reminder-date");
  g_settings_reset (f->settings, "reminder-days");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->server, pd_test_notifications_free);
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* What the notifier should announce: open cases due within the window or overdue. */
static guint
count_due (Fixture     *f,
           PdCaseIndex *index,
           const GDate *day,
           int          window)
{
  GListModel *cases = pd_store_get_cases (pd_application_get_store (f->app));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);
      const PdCaseSummary *summary = pd_case_index_get (index, item);

      if (summary->open && g_date_valid (&summary->next_deadline) &&
          pd_case_days_until (&summary->next_deadline, day) <= window)
        n++;
    }
  return n;
}

static void
test_reminders_once_a_day (Fixture       *f,
                           gconstpointer  data)
{
  PdCaseIndex *index = pd_cases_view_get_index (pd_window_get_cases_view (f->window));
  GListModel *cases = pd_store_get_cases (pd_application_get_store (f->app));
  g_autoptr(PdDeadlineNotifier) notifier = pd_deadline_notifier_new (G_APPLICATION (f->app), f->settings,
                                                                     cases, index);
  GPtrArray *received = pd_test_notifications_get (f->server);
  guint expected_due, expected_notifications, announced;
  GDate day;

  today (&day);
  expected_due = count_due (f, index, &day, 7);
  g_assert_cmpuint (expected_due, >, PD_DEADLINE_NOTIFIER_MAX_SINGLE);
  expected_notifications = PD_DEADLINE_NOTIFIER_MAX_SINGLE + 1;

  announced = pd_deadline_notifier_check (notifier, &day);
  g_assert_cmpuint (announced, ==, expected_due);
  while (received->len < expected_notifications)
    g_main_context_iteration (NULL, TRUE);
  pd_test_spin (100);
  g_assert_cmpuint (received->len, ==, expected_notifications);
  /* The most urgent first: the demo has overdue cases. */
  g_assert_nonnull (strstr (g_ptr_array_index (received, 0), "overdue"));
  g_assert_nonnull (strstr (g_ptr_array_index (received, expected_notifications - 1), "more cases"));

  /* The same day again: nothing more. */
  g_assert_cmpuint (pd_deadline_notifier_check (notifier, &day), ==, 0);
  pd_test_spin (100);
  g_assert_cmpuint (received->len, ==, expected_notifications);

  /* The next day: again. Reminders off: never. */
  g_date_add_days (&day, 1);
  announced = pd_deadline_notifier_check (notifier, &day);
  g_assert_cmpuint (announced, >, 0);
  expected_notifications += MIN (announced, PD_DEADLINE_NOTIFIER_MAX_SINGLE) +
                            (announced > PD_DEADLINE_NOTIFIER_MAX_SINGLE ? 1 : 0);
  while (received->len < expected_notifications)
    g_main_context_iteration (NULL, TRUE);
  g_date_add_days (&day, 1);
  g_settings_set_int (f->settings, "reminder-days", 0);
  g_assert_cmpuint (pd_deadline_notifier_check (notifier, &day), ==, 0);
}

static void
test_notification_action_shows_the_case (Fixture       *f,
                                         gconstpointer  data)
{
  GListModel *cases = pd_store_get_cases (pd_application_get_store (f->app));
  g_autoptr(PdCase) item = g_list_model_get_item (cases, 5);
  PdCasesView *view = pd_window_get_cases_view (f->window);

  pd_window_set_visible_view (f->window, "verify");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "show-case",
                                  g_variant_new_string (pd_case_get_id (item)));
  pd_test_spin (50);
  g_assert_cmpstr (pd_window_get_visible_view (f->window), ==, "cases");
  g_assert_true (pd_cases_view_get_selected_case (view) == item);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/reminders/once-a-day-most-urgent-first", Fixture, NULL,
              fixture_setup, test_reminders_once_a_day, fixture_teardown);
  g_test_add ("/ui/reminders/notification-action-shows-the-case", Fixture, NULL,
              fixture_setup, test_notification_action_shows_the_case, fixture_teardown);

  return g_test_run ();
}
