/* test-window.c: the main window under Xvfb, driven through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-test-widgets.h"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pd-model.h"
#include "pd-application.h"
#include "pd-case-editor.h"
#include "pd-cases-view.h"
#include "pd-demo.h"
#include "pd-store.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-window.h"

typedef struct {
  char          *data_dir;
  PdApplication *app;
  PdWindow      *window;
  PdCasesView   *view;
} Fixture;

static void
start_app (Fixture *f)
{
  f->app = pd_test_app_start (&f->window);
  f->view = pd_window_get_cases_view (f->window);
  pd_test_spin (200);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gboolean with_demo = GPOINTER_TO_INT (data);

  f->data_dir = pd_test_make_tmpdir ("pd-window-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);

  if (with_demo)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PdStore) store = pd_store_open (NULL, &error);

      g_assert_no_error (error);
      pd_demo_fill_store (store, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  pd_test_spin (50);
  g_clear_object (&f->app);
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (pd_cases_view_get_visible_cases (f->view));
}

static guint
n_in_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (pd_store_get_cases (store));
}

static PdCase *
visible_case (Fixture *f,
              guint    position)
{
  g_autoptr(PdCase) case_ = g_list_model_get_item (pd_cases_view_get_visible_cases (f->view), position);

  return case_;
}

static PdCaseEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PD_IS_CASE_EDITOR (window))
        return PD_CASE_EDITOR (window);
    }

  return NULL;
}

static void
type_into (PdCaseEditor *editor,
           const char   *title,
           const char   *text)
{
  GtkWidget *row = pd_test_find_row (GTK_WIDGET (editor), title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_window_opens_with_demo_cases (Fixture       *f,
                                   gconstpointer  data)
{
  start_app (f);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  /* An HR clerk, the default role, starts in Cases. */
  g_assert_cmpstr (pd_window_get_visible_view (f->window), ==, "cases");
  g_assert_cmpuint (n_visible (f), >=, 30);
  g_assert_cmpuint (n_visible (f), ==, n_in_database (f));
}

static void
test_window_search_narrows_list (Fixture       *f,
                                 gconstpointer  data)
{
  PdCase *first = NULL;
  PdPerson *person = NULL;
  guint total;

  start_app (f);
  total = n_visible (f);
  /* Demo people without a Chinese name exist; pick one who has both. */
  for (guint i = 0; i < total; i++)
    {
      first = visible_case (f, i);
      person = pd_case_get_person (first);
      if (pd_person_get_name_zh (person) != NULL && pd_person_get_passport_number (person) != NULL)
        break;
    }

  pd_cases_view_set_search_text (f->view, pd_person_get_passport_number (person));
  g_assert_cmpuint (n_visible (f), >=, 1);
  g_assert_cmpuint (n_visible (f), <, total);
  g_assert_true (pd_case_get_person (visible_case (f, 0)) == person);

  pd_cases_view_set_search_text (f->view, pd_person_get_name_zh (person));
  g_assert_cmpuint (n_visible (f), >=, 1);
  g_assert_cmpuint (n_visible (f), <, total);

  pd_cases_view_set_search_text (f->view, "no such person zzzz");
  g_assert_cmpuint (n_visible (f), ==, 0);

  pd_cases_view_set_search_text (f->view, "");
  g_assert_cmpuint (n_visible (f), ==, total);
}

static void
test_window_add_case_through_action (Fixture       *f,
                                     gconstpointer  data)
{
  PdCaseEditor *editor;
  guint before;

  start_app (f);
  before = n_visible (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.add", NULL));
  pd_test_spin (50);
  editor = find_editor ();
  g_assert_nonnull (editor);

  type_into (editor, "Name in _Latin letters", "Ingrid Larsen");
  type_into (editor, "Name in _Chinese", "英格丽·拉森");
  type_into (editor, "Nationality (3-letter code, e.g. DEU)", "NOR");
  type_into (editor, "_Passport number", "NO4412789");
  type_into (editor, "C_ity", "Shanghai");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pd_test_spin (50);

  g_assert_null (find_editor ());
  g_assert_cmpuint (n_visible (f), ==, before + 1);
  g_assert_cmpuint (n_in_database (f), ==, before + 1);

  pd_cases_view_set_search_text (f->view, "Larsen");
  g_assert_cmpuint (n_visible (f), ==, 1);
}

static void
test_window_invalid_case_shows_error (Fixture       *f,
                                      gconstpointer  data)
{
  PdCaseEditor *editor;
  guint before;

  start_app (f);
  before = n_visible (f);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.add", NULL);
  pd_test_spin (50);
  editor = find_editor ();
  g_assert_nonnull (editor);

  type_into (editor, "Name in _Latin letters", "Ingrid Larsen");
  type_into (editor, "Nationality (3-letter code, e.g. DEU)", "NOR");
  type_into (editor, "_Passport number", "NO4412789");
  type_into (editor, "Permit _number (18 digits)", "12345");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_spin (50);

  /* The dialog stays open with the reason, and nothing was written. */
  g_assert_true (find_editor () == editor);
  g_assert_nonnull (pd_case_editor_get_error_text (editor));
  g_assert_nonnull (strstr (pd_case_editor_get_error_text (editor), "18"));
  g_assert_cmpuint (n_visible (f), ==, before);
  g_assert_cmpuint (n_in_database (f), ==, before);

  type_into (editor, "Date of _birth (YYYY-MM-DD)", "1990-02-30");
  type_into (editor, "Permit _number (18 digits)", "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_spin (50);
  g_assert_nonnull (strstr (pd_case_editor_get_error_text (editor), "year-month-day"));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_window_delete_and_undo (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PdCase) victim = NULL;
  guint before;

  start_app (f);
  before = n_visible (f);
  victim = g_object_ref (visible_case (f, 3));

  pd_cases_view_select_case (f->view, victim);
  g_assert_true (pd_cases_view_get_selected_case (f->view) == victim);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.delete", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_visible (f), ==, before - 1);
  g_assert_cmpuint (n_in_database (f), ==, before - 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.undo", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_visible (f), ==, before);
  g_assert_cmpuint (n_in_database (f), ==, before);
  g_assert_true (pd_cases_view_get_selected_case (f->view) == victim);
}

static void
test_window_corrupt_database_is_reported_and_kept (Fixture       *f,
                                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data_dir, "permitdesk.db", NULL);
  g_autofree char *after = NULL;
  const char garbage[] = "this is not a database, but it is somebody's file";
  gsize len;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  start_app (f);

  g_assert_null (pd_application_get_store (f->app));
  g_assert_nonnull (pd_application_get_store_error (f->app));
  g_assert_nonnull (strstr (pd_application_get_store_error (f->app)->message, path));
  g_assert_cmpuint (n_visible (f), ==, 0);

  g_assert_true (g_file_get_contents (path, &after, &len, NULL));
  g_assert_cmpmem (after, len, garbage, strlen (garbage));
}

static void
test_window_role_picks_first_view (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  g_autofree char *last_view = NULL;

  g_settings_set_string (settings, "last-view", "");
  g_settings_set_string (settings, "role", "officer");
  start_app (f);
  g_assert_cmpstr (pd_window_get_visible_view (f->window), ==, "verify");

  pd_window_set_visible_view (f->window, "checklist");
  gtk_window_close (GTK_WINDOW (f->window));
  pd_test_spin (50);
  f->window = NULL;

  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "checklist");
  g_settings_reset (settings, "role");
  g_settings_reset (settings, "last-view");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/ui/window/opens-with-demo-cases", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_opens_with_demo_cases, fixture_teardown);
  g_test_add ("/ui/window/search-narrows-list", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_search_narrows_list, fixture_teardown);
  g_test_add ("/ui/window/add-case-through-action", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_add_case_through_action, fixture_teardown);
  g_test_add ("/ui/window/invalid-case-shows-error-and-writes-nothing", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_invalid_case_shows_error, fixture_teardown);
  g_test_add ("/ui/window/delete-and-undo", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_delete_and_undo, fixture_teardown);
  g_test_add ("/ui/window/corrupt-database-is-reported-and-kept", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_window_corrupt_database_is_reported_and_kept, fixture_teardown);
  g_test_add ("/ui/window/role-picks-first-view-and-closing-remembers-it", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_role_picks_first_view, fixture_teardown);

  return g_test_run ();
}
