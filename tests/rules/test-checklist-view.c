/* test-checklist-view.c: the Checklist view in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-checklist-view.h"
#include "pd-core.h"
#include "pd-test-util.h"
#include "rules-test-common.h"

static char *data_dir;

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_switch (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

/* The first button: "I Have It" while a document is not at hand. */
static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_BUTTON (widget);
}

static GtkWidget *
row (GtkWidget  *root,
     const char *title)
{
  return find_widget (root, is_row_titled, title);
}

static void
wait_for_refresh (void)
{
  /* The view refreshes on idle; let it and the layout run. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
iso_date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
apply_entry (GtkWidget  *entry,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "apply");
  wait_for_refresh ();
}

static void
test_answers_make_items_appear (void)
{
  g_autoptr(PdRules) rules = rules_test_load (g_getenv ("PD_RULES_SRC"));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pd_checklist_view_new (rules);
  PdChecklistView *checklist_view = PD_CHECKLIST_VIEW (view);
  g_autofree char *valid_until = iso_date_from_today (20);
  g_autofree char *answers = g_build_filename (data_dir, "checklist-answers.json", NULL);
  g_autofree char *saved = NULL;
  GtkWidget *legacy, *deadline, *filing;
  GStatBuf st;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_refresh ();

  /* A new permit is the first question's default answer. */
  g_assert_nonnull (row (view, "Highest degree certificate"));
  g_assert_null (row (view, "Physical Foreigner's Work Permit card"));

  /* A renewal in Shanghai with a legacy card, the permit expiring in 20 days. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (view, "What do you need?")), PD_CASE_KIND_RENEWAL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (view, "City of work")), 0);
  legacy = find_widget (row (view, "I hold a physical work permit card"), is_switch, NULL);
  gtk_switch_set_active (GTK_SWITCH (legacy), TRUE);
  apply_entry (row (view, "Current permit valid until"), valid_until);

  g_assert_cmpint (pd_checklist_get_kind (pd_checklist_view_get_checklist (checklist_view)), ==,
                   PD_CASE_KIND_RENEWAL);
  g_assert_nonnull (row (view, "Physical Foreigner's Work Permit card"));
  g_assert_nonnull (row (view, "Current work permit details"));
  g_assert_null (row (view, "Highest degree certificate"));

  /* Under 30 days left: the renewal deadline has passed, shown red with an icon. */
  deadline = row (view, "File the renewal (the portal refuses under 30 days before expiry)");
  g_assert_nonnull (deadline);
  g_assert_true (gtk_widget_has_css_class (deadline, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (deadline)), "Overdue"));

  filing = row (view, "Employer's letter of introduction with the company seal");
  g_assert_nonnull (filing);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (filing, ADW_TYPE_PREFERENCES_GROUP)));

  /* The answers were saved, private to the user. */
  g_assert_cmpint (g_stat (answers, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (answers, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "\"renewal\""));
  g_assert_nonnull (strstr (saved, "\"shanghai\""));

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_refresh ();
}

static void
test_expired_document_turns_red (void)
{
  g_autoptr(PdRules) rules = rules_test_load (g_getenv ("PD_RULES_SRC"));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pd_checklist_view_new (rules);
  PdChecklistView *checklist_view = PD_CHECKLIST_VIEW (view);
  g_autofree char *issued = iso_date_from_today (-240);
  GtkWidget *medical, *passport;
  double before;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (view, "What do you need?")), PD_CASE_KIND_NEW_PERMIT);
  wait_for_refresh ();
  before = pd_checklist_get_completeness (pd_checklist_view_get_checklist (checklist_view));

  /* A medical report from 8 months ago: older than its 6 months. */
  medical = row (view, "Medical examination report");
  apply_entry (row (medical, "Issued on (YYYY-MM-DD)"), issued);

  medical = row (view, "Medical examination report");
  g_assert_true (gtk_widget_has_css_class (medical, "error"));
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (medical)), "Expired"));

  /* The passport is at hand: the completeness meter moves. */
  passport = row (view, "Passport");
  g_signal_emit_by_name (find_widget (row (passport, "Attached file"), is_button, NULL), "clicked");
  wait_for_refresh ();
  g_assert_cmpfloat (pd_checklist_get_completeness (pd_checklist_view_get_checklist (checklist_view)), >, before);
  g_assert_cmpint (pd_checklist_find_item (pd_checklist_view_get_checklist (checklist_view), "passport")->state,
                   ==, PD_CHECKLIST_ITEM_PROVIDED);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for_refresh ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *rules_dir = NULL;
  int status;

  data_dir = pd_test_make_tmpdir ("pd-view-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  rules_dir = rules_test_source_dir ();
  g_setenv ("PD_RULES_SRC", rules_dir, TRUE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under xvfb-run");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/rules/view/answers-make-items-appear", test_answers_make_items_appear);
  g_test_add_func ("/rules/view/expired-document-turns-red", test_expired_document_turns_red);

  status = g_test_run ();
  pd_test_rm_rf (data_dir);
  g_free (data_dir);
  return status;
}
