/* test-verdict-view.c: the verdict view in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-test-widgets.h"
#include "pd-verdict-view.h"
#include "pd-verifier.h"
#include "verify-fixtures.h"

static PdFixtures *fixtures;

static PdVerdict *
verify (const char *text)
{
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(PdCode) code = pd_code_new_for_text (text, PD_CODE_SOURCE_CAMERA);

  return pd_verifier_verify (verifier, code, fixtures->now);
}

/* The headline a user reads first: the result's icon, word and reason, in one box
 * whose style class carries the colour. */
typedef struct {
  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *reason;
} Headline;

static GtkLabel *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static Headline
headline (GtkWidget *view)
{
  Headline h;

  h.title = find_label_with_class (view, "title-1");
  g_assert_nonnull (h.title);
  h.reason = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (h.title)));
  h.icon = GTK_IMAGE (gtk_widget_get_prev_sibling (GTK_WIDGET (h.title)));
  h.box = gtk_widget_get_parent (GTK_WIDGET (h.title));
  return h;
}

/* Every visible row title or subtitle, in order: what the user can read. */
static void
collect_rows (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s|%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
}

static GtkWidget *
show_in_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return window;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A button bound to a disabled action is insensitive: what the user sees. */
static gboolean
action_enabled (GtkWidget  *view,
                const char *name)
{
  GtkWidget *button = find_button (view, name);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
test_empty_view_has_nothing_to_print (void)
{
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  Headline page = headline (view);

  g_assert_cmpstr (gtk_label_get_text (page.title), ==, "No code verified yet");
  g_assert_false (action_enabled (view, "verdict.print"));
  g_assert_false (action_enabled (view, "verdict.export-pdf"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_valid_verdict_is_green_with_word_and_icon (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdVerdict) verdict = verify (code);
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  Headline page = headline (view);
  g_autoptr(GString) rows = g_string_new (NULL);

  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  g_assert_cmpstr (gtk_label_get_text (page.title), ==, "Valid");
  g_assert_cmpstr (gtk_label_get_text (page.reason), ==, "The work permit is valid");
  g_assert_cmpstr (gtk_image_get_icon_name (page.icon), ==, "object-select-symbolic");
  g_assert_true (gtk_widget_has_css_class (page.box, "success"));

  collect_rows (view, rows);
  g_test_message ("%s", rows->str);
  g_assert_nonnull (strstr (rows->str, "李明|Name (Chinese)\n"));
  g_assert_nonnull (strstr (rows->str, "LI MING|Name\n"));
  g_assert_nonnull (strstr (rows->str, "1990-04-12|Date of birth\n"));
  g_assert_nonnull (strstr (rows->str, "SGP|Nationality\n"));
  g_assert_nonnull (strstr (rows->str, "110000202500012345|Permit number\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_invalid_verdict_is_red_and_says_why (void)
{
  g_autoptr(PdVerdict) verdict = verify ("hello");
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  Headline page = headline (view);
  g_autoptr(GString) rows = g_string_new (NULL);

  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  g_assert_cmpstr (gtk_label_get_text (page.title), ==, "Invalid");
  g_assert_cmpstr (gtk_label_get_text (page.reason), ==, "Not a work permit code: “hello”");
  g_assert_true (gtk_widget_has_css_class (page.box, "error"));
  g_assert_false (gtk_widget_has_css_class (page.box, "success"));
  collect_rows (view, rows);
  g_assert_null (strstr (rows->str, "|Name\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_check_needed_is_amber (void)
{
  g_autoptr(PdVerdict) verdict = verify ("110000202500012345");
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  Headline page = headline (view);

  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  g_assert_cmpstr (gtk_label_get_text (page.title), ==, "Check needed");
  g_assert_cmpstr (gtk_image_get_icon_name (page.icon), ==, "dialog-warning-symbolic");
  g_assert_true (gtk_widget_has_css_class (page.box, "warning"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_hr_role_hides_personal_fields (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdVerdict) verdict = verify (code);
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  g_autoptr(GString) rows = g_string_new (NULL);

  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  g_object_set (view, "role", PD_VERDICT_VIEW_ROLE_HR, NULL);
  collect_rows (view, rows);
  g_assert_null (strstr (rows->str, "Date of birth"));
  g_assert_null (strstr (rows->str, "Nationality"));
  g_assert_nonnull (strstr (rows->str, "LI MING|Name\n"));
  g_assert_nonnull (strstr (rows->str, "北京示例科技有限公司|Employer\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_layers_are_listed_with_reasons (void)
{
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autofree char *tampered = g_strdup (code);
  g_autoptr(PdVerdict) verdict = NULL;
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  GtkExpander *expander = GTK_EXPANDER (pd_test_find_type (view, GTK_TYPE_EXPANDER));
  g_autoptr(GString) rows = g_string_new (NULL);

  *strstr (tampered, "LI MING") = 'X';
  verdict = verify (tampered);
  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  gtk_expander_set_expanded (expander, TRUE);
  collect_rows (GTK_WIDGET (expander), rows);
  g_assert_nonnull (strstr (rows->str, "Format: Passed|Signed work permit code\n"));
  g_assert_nonnull (strstr (rows->str, "Signature: Failed|The signature does not match"));
  g_assert_nonnull (strstr (rows->str, "Revocation: Not confirmed|Not checked\n"));
  g_assert_true (action_enabled (view, "verdict.print"));
  g_assert_true (action_enabled (view, "verdict.export-pdf"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The online layer arriving later updates what is shown. */
static void
test_view_follows_a_changing_verdict (void)
{
  g_autoptr(PdVerdict) verdict = verify ("110000202500012345");
  GtkWidget *view = pd_verdict_view_new ();
  GtkWidget *window = show_in_window (view);
  Headline page = headline (view);

  pd_verdict_view_set_verdict (PD_VERDICT_VIEW (view), verdict);
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_FAILED, TRUE,
                        "The portal says this permit was cancelled");
  pd_verdict_update_result (verdict);
  g_assert_cmpstr (gtk_label_get_text (page.title), ==, "Invalid");
  g_assert_cmpstr (gtk_label_get_text (page.reason), ==, "The portal says this permit was cancelled");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdFixtures) f = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  fixtures = f = pd_fixtures_new ();

  g_test_add_func ("/verify/view/empty-view-has-nothing-to-print", test_empty_view_has_nothing_to_print);
  g_test_add_func ("/verify/view/valid-verdict-is-green-with-word-and-icon", test_valid_verdict_is_green_with_word_and_icon);
  g_test_add_func ("/verify/view/invalid-verdict-is-red-and-says-why", test_invalid_verdict_is_red_and_says_why);
  g_test_add_func ("/verify/view/check-needed-is-amber", test_check_needed_is_amber);
  g_test_add_func ("/verify/view/hr-role-hides-personal-fields", test_hr_role_hides_personal_fields);
  g_test_add_func ("/verify/view/layers-are-listed-with-reasons", test_layers_are_listed_with_reasons);
  g_test_add_func ("/verify/view/view-follows-a-changing-verdict", test_view_follows_a_changing_verdict);

  return g_test_run ();
}
