/* test-rulesync.c: newer signed rule sets from a real permitdesk-portal on loopback
 * (signing with the DEMO signer of data/trust/) into the rules, the saved folder and
 * the Checklist view (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-application.h"
#include "pd-cases-view.h"
#include "pd-checklist-view.h"
#include "pd-pki.h"
#include "pd-portal-test.h"
#include "pd-rules-refresh.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-window.h"

#define SHIPPED_NATIONAL "2025.1"
#define MEDICAL_CHANGE   "Medical examination report: now valid for 3 months (was 6)"

static char *data_dir;

static char *
demo_path (const char *name)
{
  return g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", name, NULL);
}

static char *
shipped_rules_dir (void)
{
  return g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "rules", NULL);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (to, text, -1, NULL));
}

/* The trust folder an officer's PermitDesk starts with: the DEMO CA and signers. */
static PdTrustStore *
demo_store (const char *dir)
{
  const char *names[] = { "demo-ca.pem", "demo-signer.pem", "demo-list-signer.pem" };
  PdTrustStore *store = pd_trust_store_new ();
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = demo_path (names[i]);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);

      copy_file (from, to);
    }
  g_assert_true (pd_trust_store_load_directory (store, dir, &error));
  g_assert_no_error (error);
  return store;
}

/* The shipped national set as the portal publishes it: @version, the medical report
 * valid 3 months instead of 6. */
static void
write_portal_set (const char *dir,
                  const char *file_name,
                  const char *version)
{
  g_autofree char *shipped = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "rules", "national.json", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *documents;
  g_autofree char *text = NULL;

  g_assert_true (json_parser_load_from_file (parser, shipped, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "version", version);
  documents = json_object_get_array_member (root, "documents");
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);

      if (g_str_equal (json_object_get_string_member (document, "key"), "medical"))
        json_object_set_int_member (document, "validity_months", 3);
    }
  text = json_to_string (json_parser_get_root (parser), TRUE);
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

/* A portal signing with the DEMO signers and serving the rule sets of @rules_dir. */
static PdTestPortal *
start_portal (const char *rules_dir)
{
  g_autofree char *cert = demo_path ("demo-signer.pem");
  g_autofree char *key = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", "demo-keys",
                                           "demo-signer.key", NULL);
  g_autofree char *list_cert = demo_path ("demo-list-signer.pem");
  g_autofree char *list_key = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", "demo-keys",
                                                "demo-list-signer.key", NULL);
  g_autofree char *ca = demo_path ("demo-ca.pem");
  const char *args[] = { "--signer-cert", cert, "--signer-key", key,
                         "--list-signer-cert", list_cert, "--list-signer-key", list_key, "--ca-cert", ca,
                         rules_dir ? "--rules" : NULL, rules_dir, NULL };

  return pd_test_portal_start (args);
}

/* Shipped rules plus the sets saved in @saved_dir, verified with @store. */
static PdRules *
load_rules (PdTrustStore *store,
            const char   *saved_dir)
{
  g_autofree char *shipped = shipped_rules_dir ();
  PdRules *rules = pd_rules_new (shipped);
  g_autoptr(GError) error = NULL;

  pd_rules_use_saved_sets (rules, store, saved_dir);
  g_assert_true (pd_rules_reload (rules, &error));
  g_assert_no_error (error);
  return rules;
}

static gboolean
run_refresh (PdRulesRefresh  *refresh,
             guint           *n_applied,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_rules_refresh_run_async, refresh, NULL);

  return pd_rules_refresh_run_finish (refresh, result, n_applied, error);
}

typedef struct {
  char         *dir;
  char         *portal_rules;
  char         *trust;
  char         *saved;
  PdTrustStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_tmpdir ("pd-rulesync-XXXXXX");
  fixture->portal_rules = g_build_filename (fixture->dir, "portal-rules", NULL);
  fixture->trust = g_build_filename (fixture->dir, "trust", NULL);
  fixture->saved = g_build_filename (fixture->dir, "saved-rules", NULL);
  fixture->store = demo_store (fixture->trust);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  pd_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->portal_rules);
  g_free (fixture->trust);
  g_free (fixture->saved);
}

/* ---- the view ------------------------------------------------------------------- */

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
is_update_row (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Rules updated to ");
}

static void
wait_for_refresh (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* ---- tests ---------------------------------------------------------------------- */

static void
test_newer_set_is_applied_saved_and_shown (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdRules) rules = load_rules (fixture->store, fixture->saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(PdRules) restarted = NULL;
  g_autoptr(PdTrustStore) restarted_store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_json = g_build_filename (fixture->saved, "cn-national.json", NULL);
  g_autofree char *saved_sig = g_build_filename (fixture->saved, "cn-national.sig", NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pd_checklist_view_new (rules);
  GtkWidget *update_row, *sources_row;
  GStatBuf st;
  guint n_applied = 0;

  /* The portal holds two newer versions; the newest is served. */
  write_portal_set (fixture->portal_rules, "national-2026.1.json", "2026.1");
  write_portal_set (fixture->portal_rules, "national-2026.2.json", "2026.2");
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "applicant", "applicant-demo");

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_refresh ();
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, SHIPPED_NATIONAL);
  g_assert_null (find_widget (view, is_update_row, NULL));

  refresh = pd_rules_refresh_new (client, rules, fixture->store, fixture->saved);
  g_assert_true (run_refresh (refresh, &n_applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, "2026.2");

  /* Saved owner-only, beside its signature. */
  g_assert_cmpint (g_stat (saved_json, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (saved_sig, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The view says which version is in force and what changed. */
  wait_for_refresh ();
  update_row = find_widget (view, is_update_row, NULL);
  g_assert_nonnull (update_row);
  g_assert_true (gtk_widget_get_visible (update_row));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (update_row)), "cn-national 2026.2"));
  g_assert_nonnull (find_widget (update_row, is_row_titled, MEDICAL_CHANGE));
  g_assert_nonnull (find_widget (update_row, is_row_titled,
                                 "Rule set “cn-national”: version 2026.2 replaces " SHIPPED_NATIONAL));
  sources_row = find_widget (view, is_row_titled, "Sources");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (sources_row)), "cn-national 2026.2"));

  /* Fetched again: already in force, nothing changes. */
  g_assert_true (run_refresh (refresh, &n_applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_applied, ==, 0);

  /* A restart: fresh trust store and rules find the saved set and verify it again. */
  restarted_store = demo_store (fixture->trust);
  restarted = load_rules (restarted_store, fixture->saved);
  g_assert_cmpstr (pd_rules_get_set_version (restarted, "cn-national"), ==, "2026.2");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the portal sends, fetched for real, to tamper with. */
static GPtrArray *
fetch_sets (PdPortalClient *client)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_rules_async, client, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *sets = pd_portal_client_fetch_rules_finish (client, result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sets);
  return sets;
}

static PdPortalRuleSet *
find_set (GPtrArray  *sets,
          const char *id)
{
  for (guint i = 0; i < sets->len; i++)
    if (g_str_equal (((PdPortalRuleSet *) g_ptr_array_index (sets, i))->id, id))
      return g_ptr_array_index (sets, i);
  g_assert_not_reached ();
}

static void
test_tampered_set_or_bad_signature_is_refused (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autofree char *shipped_cities = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "rules", "cities.json", NULL);
  g_autofree char *portal_cities = NULL;
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdRules) rules = load_rules (fixture->store, fixture->saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GBytes) tampered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PdPortalRuleSet *national, *cities;
  gboolean applied = TRUE;
  char *at;

  write_portal_set (fixture->portal_rules, "national.json", "2026.1");
  portal_cities = g_build_filename (fixture->portal_rules, "cities.json", NULL);
  copy_file (shipped_cities, portal_cities);
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  sets = fetch_sets (client);
  g_assert_cmpuint (sets->len, ==, 2);
  national = find_set (sets, "cn-national");
  cities = find_set (sets, "cn-cities");
  refresh = pd_rules_refresh_new (client, rules, fixture->store, fixture->saved);

  /* One changed byte: 3 months become 4. */
  text = g_strndup (g_bytes_get_data (national->json, NULL), g_bytes_get_size (national->json));
  at = strstr (text, "\"validity_months\" : 3");
  g_assert_nonnull (at);
  at[strlen ("\"validity_months\" : ")] = '4';
  tampered = g_bytes_new (text, strlen (text));
  g_assert_false (pd_rules_refresh_apply (refresh, tampered, national->signature, &applied, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE);
  g_assert_false (applied);
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, SHIPPED_NATIONAL);
  g_clear_error (&error);

  /* A genuine signature, of another set. */
  g_assert_false (pd_rules_refresh_apply (refresh, national->json, cities->signature, NULL, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE);
  g_clear_error (&error);

  /* Not a signature at all. */
  {
    g_autoptr(GBytes) garbage = g_bytes_new_static ("{\"alg\":\"ES256\"}", 15);

    g_assert_false (pd_rules_refresh_apply (refresh, national->json, garbage, NULL, &error));
    g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE);
    g_clear_error (&error);
  }
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, SHIPPED_NATIONAL);
  g_assert_false (g_file_test (fixture->saved, G_FILE_TEST_EXISTS));
}

static void
test_untrusted_signer_is_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdTrustStore) empty = pd_trust_store_new ();
  g_autoptr(PdRules) rules = load_rules (empty, fixture->saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(GError) error = NULL;
  guint n_applied = 7;

  write_portal_set (fixture->portal_rules, "national.json", "2026.1");
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "officer", "officer-demo");

  /* A store that does not hold the DEMO CA: the DEMO signer means nothing to it. */
  refresh = pd_rules_refresh_new (client, rules, empty, fixture->saved);
  g_assert_false (run_refresh (refresh, &n_applied, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "not signed by a signer the trust store trusts"));
  g_assert_cmpuint (n_applied, ==, 0);
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, SHIPPED_NATIONAL);
}

static void
test_older_set_is_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdRules) rules = load_rules (fixture->store, fixture->saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes_before = NULL;
  guint n_applied = 7;

  write_portal_set (fixture->portal_rules, "national.json", "2024.3");
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  refresh = pd_rules_refresh_new (client, rules, fixture->store, fixture->saved);

  g_assert_false (run_refresh (refresh, &n_applied, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_NOT_NEWER);
  g_assert_cmpuint (n_applied, ==, 0);
  g_assert_cmpstr (pd_rules_get_set_version (rules, "cn-national"), ==, SHIPPED_NATIONAL);
  changes_before = pd_rules_get_changes (rules);
  g_assert_null (changes_before);
  g_assert_false (g_file_test (fixture->saved, G_FILE_TEST_EXISTS));
}

/* A saved set edited on disk no longer verifies: skipped, the shipped set stays. */
static void
test_tampered_saved_set_is_skipped (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdRules) rules = load_rules (fixture->store, fixture->saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(PdRules) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_json = g_build_filename (fixture->saved, "cn-national.json", NULL);
  g_autofree char *text = NULL;

  write_portal_set (fixture->portal_rules, "national.json", "2026.1");
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  refresh = pd_rules_refresh_new (client, rules, fixture->store, fixture->saved);
  g_assert_true (run_refresh (refresh, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (saved_json, &text, NULL, NULL));
  *strstr (text, "2026.1") = '3';   /* "3026.1" */
  g_assert_true (g_file_set_contents (saved_json, text, -1, NULL));

  restarted = load_rules (fixture->store, fixture->saved);
  g_assert_cmpstr (pd_rules_get_set_version (restarted, "cn-national"), ==, SHIPPED_NATIONAL);
}

static void
test_portal_without_rules_says_not_found (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(PdTestPortal) portal = start_portal (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autoptr(PdPortalClient) anonymous = pd_test_client_new (portal->url);
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_rules_async, client, NULL);
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GError) error = NULL;

  sets = pd_portal_client_fetch_rules_finish (client, result, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND);
  g_assert_null (sets);
  g_clear_error (&error);

  /* Signed in, any role; not anonymously. */
  result2 = PD_TEST_RUN (pd_portal_client_fetch_rules_async, anonymous, NULL);
  sets = pd_portal_client_fetch_rules_finish (anonymous, result2, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_SIGNED_IN);
  g_assert_null (sets);
}

static gboolean
is_checklist_view (GtkWidget     *widget,
                   gconstpointer  data)
{
  return PD_IS_CHECKLIST_VIEW (widget);
}

/* The application starts with the set saved by an earlier run, and its Checklist and
 * Cases views share the one PdRules. */
static void
test_app_shares_saved_rules (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *app_saved = g_build_filename (data_dir, "rules", NULL);
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(PdRules) rules = load_rules (fixture->store, app_saved);
  g_autoptr(PdRulesRefresh) refresh = NULL;
  g_autoptr(PdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  PdRules *app_rules;
  PdWindow *window;
  GtkWidget *checklist;

  write_portal_set (fixture->portal_rules, "national.json", "2026.1");
  portal = start_portal (fixture->portal_rules);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  refresh = pd_rules_refresh_new (client, rules, fixture->store, app_saved);
  g_assert_true (run_refresh (refresh, NULL, &error));
  g_assert_no_error (error);

  app = pd_test_app_start (&window);

  app_rules = pd_application_get_rules (app);
  g_assert_cmpstr (pd_rules_get_set_version (app_rules, "cn-national"), ==, "2026.1");
  checklist = find_widget (GTK_WIDGET (window), is_checklist_view, NULL);
  g_assert_nonnull (checklist);
  g_assert_true (pd_checklist_view_get_rules (PD_CHECKLIST_VIEW (checklist)) == app_rules);
  g_assert_true (pd_case_index_get_rules (pd_cases_view_get_index (pd_window_get_cases_view (window))) ==
                 app_rules);

  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_rm_rf (app_saved);
}

static void
test_versions_compare_by_number (void)
{
  g_assert_cmpint (pd_rules_compare_versions ("2025.10", "2025.9"), >, 0);
  g_assert_cmpint (pd_rules_compare_versions ("2025.1", "2025.1.0"), ==, 0);
  g_assert_cmpint (pd_rules_compare_versions ("2025.1", "2025.1.1"), <, 0);
  g_assert_cmpint (pd_rules_compare_versions ("2024.12", "2025"), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_dir = pd_test_make_tmpdir ("pd-rulesync-data-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under xvfb-run");
      return 77;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rulesync/newer-set-is-applied-saved-and-shown", test_newer_set_is_applied_saved_and_shown);
  ADD ("/rulesync/tampered-set-or-bad-signature-is-refused", test_tampered_set_or_bad_signature_is_refused);
  ADD ("/rulesync/untrusted-signer-is-refused", test_untrusted_signer_is_refused);
  ADD ("/rulesync/older-set-is-refused", test_older_set_is_refused);
  ADD ("/rulesync/tampered-saved-set-is-skipped", test_tampered_saved_set_is_skipped);
  ADD ("/rulesync/portal-without-rules-says-not-found", test_portal_without_rules_says_not_found);
  ADD ("/rulesync/app-shares-saved-rules", test_app_shares_saved_rules);
#undef ADD
  g_test_add_func ("/rulesync/versions-compare-by-number", test_versions_compare_by_number);

  status = g_test_run ();
  pd_test_rm_rf (data_dir);
  g_free (data_dir);
  return status;
}
