/* test-rules.c: loading rule files, refusing bad ones, portal rule sets, what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "pd-test-util.h"
#include "rules-test-common.h"

typedef struct {
  char    *dir;
  PdRules *rules;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rules_test_copy_rules ();
  fixture->rules = rules_test_load (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->rules);
  pd_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static JsonNode *
read_json (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
write_json (const char *dir,
            const char *name,
            JsonNode   *root)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = json_to_string (root, TRUE);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static int
count_items (PdRules    *rules,
             PdCaseKind  kind)
{
  g_autoptr(PdChecklistQuery) query = pd_checklist_query_new (kind);
  g_autoptr(GDate) today = rules_test_date ("2026-11-30");
  g_autoptr(PdChecklist) checklist = pd_rules_make_checklist (rules, query, today);

  return pd_checklist_get_n_items (checklist);
}

/* Breaks one file, reloads, and checks the error names the file, the place and the
 * reason, while the rules in force keep working as before. */
static void
assert_refused (Fixture    *fixture,
                const char *file,
                int         code,
                const char *place,
                const char *reason)
{
  g_autofree char *version = g_strdup (pd_rules_get_version (fixture->rules));
  int items = count_items (fixture->rules, PD_CASE_KIND_RENEWAL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_rules_reload (fixture->rules, &error));
  g_assert_error (error, PD_RULES_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_nonnull (strstr (error->message, place));
  g_assert_nonnull (strstr (error->message, reason));

  g_assert_cmpstr (pd_rules_get_version (fixture->rules), ==, version);
  g_assert_cmpint (count_items (fixture->rules, PD_CASE_KIND_RENEWAL), ==, items);
}

static void
test_every_file_validates (void)
{
  g_autofree char *dir = rules_test_source_dir ();
  g_autofree char *schema = g_build_filename (dir, "schema.json", NULL);
  const char *names[] = { "national.json", "cities.json", "holidays-cn.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_rules_validate_file (schema, path, &error));
      g_assert_no_error (error);
    }
}

static void
test_loads_versions_and_sources (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *title = NULL, *url = NULL;

  g_assert_true (pd_rules_is_loaded (fixture->rules));
  g_assert_cmpstr (pd_rules_get_version (fixture->rules), ==,
                   "cn-cities 2025.1, cn-holidays 2026.1, cn-national 2025.1");
  g_assert_cmpstr (pd_rules_get_set_version (fixture->rules, "cn-national"), ==, "2025.1");
  g_assert_cmpuint (pd_rules_get_n_sources (fixture->rules), >=, 10);
  pd_rules_get_source (fixture->rules, 0, &title, &url);
  g_assert_nonnull (title);
  g_assert_true (g_str_has_prefix (url, "http"));
  g_assert_cmpuint (pd_rules_get_n_cities (fixture->rules), ==, 6);
  g_assert_cmpstr (pd_rules_get_city_name (fixture->rules, 0), ==, "Shanghai");
}

static void
test_bad_type (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "national.json");

  json_object_set_string_member (json_node_get_object (root), "due_soon_days", "14");
  write_json (fixture->dir, "national.json", root);
  assert_refused (fixture, "national.json", PD_RULES_ERROR_INVALID, "$.due_soon_days",
                  "expected a value of type integer, found string");
}

static void
test_missing_field (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "cities.json");
  JsonArray *cities = json_object_get_array_member (json_node_get_object (root), "cities");
  JsonObject *filing = json_object_get_object_member (json_array_get_object_element (cities, 1), "filing");

  json_object_remove_member (filing, "address");
  write_json (fixture->dir, "cities.json", root);
  assert_refused (fixture, "cities.json", PD_RULES_ERROR_INVALID, "$.cities[1].filing",
                  "the required field “address” is missing");
}

static void
test_bad_date (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "holidays-cn.json");
  JsonArray *years = json_object_get_array_member (json_node_get_object (root), "holidays");
  JsonArray *working = json_object_get_array_member (json_array_get_object_element (years, 1),
                                                     "working_weekends");

  json_array_remove_element (working, 0);
  json_array_add_string_element (working, "2025-02-30");
  write_json (fixture->dir, "holidays-cn.json", root);
  assert_refused (fixture, "holidays-cn.json", PD_RULES_ERROR_INVALID,
                  "$.holidays[1].working_weekends[4]", "“2025-02-30” is not a date");
}

static void
test_unknown_document (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "national.json");
  JsonArray *cases = json_object_get_array_member (json_node_get_object (root), "cases");
  JsonArray *items = json_object_get_array_member (json_array_get_object_element (cases, 1), "items");

  json_object_set_string_member (json_array_get_object_element (items, 2), "document", "permit-card");
  write_json (fixture->dir, "national.json", root);
  assert_refused (fixture, "national.json", PD_RULES_ERROR_REFERENCE,
                  "$.cases[1].items[2].document", "“permit-card” is not defined");
}

static void
test_working_weekday (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "holidays-cn.json");
  JsonArray *years = json_object_get_array_member (json_node_get_object (root), "holidays");
  JsonArray *working = json_object_get_array_member (json_array_get_object_element (years, 1),
                                                     "working_weekends");

  /* 27 January 2025 is a Monday: an "adjusted working weekend" cannot fall on it. */
  json_array_add_string_element (working, "2025-01-27");
  write_json (fixture->dir, "holidays-cn.json", root);
  assert_refused (fixture, "holidays-cn.json", PD_RULES_ERROR_INVALID,
                  "$.holidays[1].working_weekends[5]", "not a Saturday or a Sunday");
}

static void
test_broken_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cities.json", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "{\n  \"id\": \"cn-cities\",\n  \"version\": \n}\n", -1, &error);
  g_assert_no_error (error);
  /* json-glib reports the line. */
  assert_refused (fixture, "cities.json", PD_RULES_ERROR_PARSE, "not valid JSON", "4");
}

static gboolean
check_signature (GBytes   *json,
                 GBytes   *signature,
                 gpointer  user_data,
                 GError  **error)
{
  g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, json);
  g_autofree char *given = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));

  (*(int *) user_data)++;
  if (g_str_equal (expected, given))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "digest mismatch");
  return FALSE;
}

/* A newer national set from the portal: medical reports valid 3 months, renewals
 * filed at least 35 days before expiry. */
static GBytes *
make_portal_set (Fixture    *fixture,
                 const char *version)
{
  g_autoptr(JsonNode) root = read_json (fixture->dir, "national.json");
  JsonObject *object = json_node_get_object (root);
  JsonArray *documents = json_object_get_array_member (object, "documents");
  JsonArray *cases = json_object_get_array_member (object, "cases");
  JsonArray *deadlines = json_object_get_array_member (json_array_get_object_element (cases, 1), "deadlines");
  g_autofree char *text = NULL;

  json_object_set_string_member (object, "version", version);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *document = json_array_get_object_element (documents, i);

      if (g_str_equal (json_object_get_string_member (document, "key"), "medical"))
        json_object_set_int_member (document, "validity_months", 3);
    }
  json_object_set_int_member (json_array_get_object_element (deadlines, 1), "offset", -35);

  text = json_to_string (root, FALSE);
  return g_bytes_new (text, strlen (text));
}

static GBytes *
sign (GBytes *json)
{
  char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, json);

  return g_bytes_new_take (digest, strlen (digest));
}

static gboolean
changes_contain (GPtrArray  *changes,
                 const char *needle)
{
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    if (strstr (g_ptr_array_index (changes, i), needle) != NULL)
      return TRUE;

  return FALSE;
}

static void
test_signed_newer_set_replaces (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GBytes) json = make_portal_set (fixture, "2025.2");
  g_autoptr(GBytes) signature = sign (json);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  int calls = 0;

  g_assert_true (pd_rules_load_signed (fixture->rules, json, signature, check_signature, &calls, &error));
  g_assert_no_error (error);
  g_assert_cmpint (calls, ==, 1);
  g_assert_cmpstr (pd_rules_get_set_version (fixture->rules, "cn-national"), ==, "2025.2");

  changes = pd_rules_get_changes (fixture->rules);
  g_assert_true (changes_contain (changes, "Rule set “cn-national”: version 2025.2 replaces 2025.1"));
  g_assert_true (changes_contain (changes, "Medical examination report: now valid for 3 months (was 6)"));
  g_assert_true (changes_contain (changes, "moved from -30 to -35 days"));

  /* A reload from the files keeps the newer portal set in force. */
  g_assert_true (pd_rules_reload (fixture->rules, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_rules_get_set_version (fixture->rules, "cn-national"), ==, "2025.2");
}

static void
test_signed_bad_signature_is_refused (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GBytes) json = make_portal_set (fixture, "2025.2");
  g_autoptr(GBytes) signature = g_bytes_new_static ("forged", 6);
  g_autoptr(GError) error = NULL;
  int calls = 0;

  g_assert_false (pd_rules_load_signed (fixture->rules, json, signature, check_signature, &calls, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "digest mismatch"));
  g_assert_cmpstr (pd_rules_get_set_version (fixture->rules, "cn-national"), ==, "2025.1");
}

static void
test_signed_older_set_is_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) json = make_portal_set (fixture, "2024.9");
  g_autoptr(GBytes) signature = sign (json);
  g_autoptr(GError) error = NULL;
  int calls = 0;

  g_assert_false (pd_rules_load_signed (fixture->rules, json, signature, check_signature, &calls, &error));
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_NOT_NEWER);
  g_assert_cmpstr (pd_rules_get_set_version (fixture->rules, "cn-national"), ==, "2025.1");
}

static void
test_diff_between_rule_sets (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) cities = read_json (fixture->dir, "cities.json");
  JsonObject *object = json_node_get_object (cities);
  JsonArray *list = json_object_get_array_member (object, "cities");
  g_autoptr(PdRules) before = rules_test_load (fixture->dir);
  g_autoptr(PdRules) after = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  /* Guangzhou drops the in-person filing. */
  json_object_remove_member (json_array_get_object_element (list, 1), "filing");
  json_object_set_string_member (object, "version", "2025.2");
  write_json (fixture->dir, "cities.json", cities);
  after = rules_test_load (fixture->dir);

  changes = pd_rules_diff (before, after);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (changes_contain (changes, "version 2025.2 replaces 2025.1"));
  g_assert_true (changes_contain (changes, "Guangzhou no longer requires filing in person"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/rules/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/rules/files/every-rule-file-validates", test_every_file_validates);
  ADD ("files/load-reports-versions-sources-cities", test_loads_versions_and_sources);
  ADD ("refused/bad-type-keeps-old-rules", test_bad_type);
  ADD ("refused/missing-field-keeps-old-rules", test_missing_field);
  ADD ("refused/bad-date-keeps-old-rules", test_bad_date);
  ADD ("refused/unknown-document-keeps-old-rules", test_unknown_document);
  ADD ("refused/working-weekend-on-a-weekday", test_working_weekday);
  ADD ("refused/broken-json-names-the-line", test_broken_json);
  ADD ("signed/newer-set-replaces-and-lists-changes", test_signed_newer_set_replaces);
  ADD ("signed/bad-signature-is-refused", test_signed_bad_signature_is_refused);
  ADD ("signed/older-set-is-refused", test_signed_older_set_is_refused);
  ADD ("diff/lists-what-changed", test_diff_between_rule_sets);

  return g_test_run ();
}
