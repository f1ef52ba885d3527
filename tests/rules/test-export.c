/* test-export.c: checklists exported to PDF and JSON, and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <poppler.h>

#include "pd-test-util.h"
#include "rules-test-common.h"

static PdRules *rules;

static PdChecklistQuery *
make_query (void)
{
  PdChecklistQuery *query = pd_checklist_query_new (PD_CASE_KIND_NEW_PERMIT);
  PdProvidedDocument *document;

  query->city = g_strdup ("shanghai");
  query->category = PD_PERMIT_CATEGORY_B;
  query->nationality = g_strdup ("DEU");
  query->age = 34;
  rules_test_set_date (&query->entry_date, "2026-11-20");
  rules_test_set_date (&query->decision_date, "2026-11-10");
  document = pd_checklist_query_provide (query, "passport");
  document->sha256 = g_strdup ("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  document->file = g_strdup ("/home/user/passport.pdf");
  document = pd_checklist_query_provide (query, "medical");
  rules_test_set_date (&document->issued, "2026-04-01");

  return query;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  /* poppler-glib 22 has no autoptr support. */
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);

  return g_string_free (text, FALSE);
}

static void
test_pdf_lists_items (void)
{
  g_autoptr(PdChecklistQuery) query = make_query ();
  g_autoptr(GDate) today = rules_test_date ("2026-11-30");
  g_autoptr(PdChecklist) checklist = pd_rules_make_checklist (rules, query, today);
  g_autofree char *dir = pd_test_make_tmpdir ("pd-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "checklist.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pd_checklist_export_pdf (checklist, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path);
  for (guint i = 0; i < pd_checklist_get_n_items (checklist); i++)
    g_assert_nonnull (strstr (text, pd_checklist_get_item (checklist, i)->title));
  g_assert_nonnull (strstr (text, "Expired"));
  g_assert_nonnull (strstr (text, "2026-12-21"));
  g_assert_nonnull (strstr (text, "Shanghai"));
  g_assert_nonnull (strstr (text, "cn-national 2025.1"));

  pd_test_rm_rf (dir);
}

static void
test_pdf_in_chinese (void)
{
  g_autoptr(PdChecklistQuery) query = make_query ();
  g_autoptr(GDate) today = rules_test_date ("2026-11-30");
  g_autoptr(PdChecklist) checklist = NULL;
  g_autofree char *dir = pd_test_make_tmpdir ("pd-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "checklist.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  pd_rules_set_language (rules, "zh");
  checklist = pd_rules_make_checklist (rules, query, today);
  pd_rules_set_language (rules, "en");
  g_assert_true (pd_checklist_export_pdf (checklist, path, &error));
  g_assert_no_error (error);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "护照"));
  g_assert_nonnull (strstr (text, "无犯罪记录证明"));

  pd_test_rm_rf (dir);
}

static void
assert_same_checklist (PdChecklist *a,
                       PdChecklist *b)
{
  g_assert_cmpint (pd_checklist_get_kind (a), ==, pd_checklist_get_kind (b));
  g_assert_cmpstr (pd_checklist_get_rules_version (a), ==, pd_checklist_get_rules_version (b));
  g_assert_cmpfloat_with_epsilon (pd_checklist_get_completeness (a), pd_checklist_get_completeness (b), 1e-9);
  g_assert_cmpuint (pd_checklist_get_n_items (a), ==, pd_checklist_get_n_items (b));
  for (guint i = 0; i < pd_checklist_get_n_items (a); i++)
    {
      const PdChecklistItem *x = pd_checklist_get_item (a, i);
      const PdChecklistItem *y = pd_checklist_get_item (b, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->explanation, ==, y->explanation);
      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpint (x->auth_needed, ==, y->auth_needed);
      g_assert_cmpint (x->required, ==, y->required);
      g_assert_cmpint (x->confirmed, ==, y->confirmed);
      g_assert_cmpstr (x->source_url, ==, y->source_url);
      g_assert_cmpint (g_date_valid (&x->expires), ==, g_date_valid (&y->expires));
    }
  g_assert_cmpuint (pd_checklist_get_n_deadlines (a), ==, pd_checklist_get_n_deadlines (b));
  for (guint i = 0; i < pd_checklist_get_n_deadlines (a); i++)
    {
      const PdDeadline *x = pd_checklist_get_deadline (a, i);
      const PdDeadline *y = pd_checklist_get_deadline (b, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (g_date_compare (&x->date, &y->date), ==, 0);
      g_assert_cmpint (x->overdue, ==, y->overdue);
      g_assert_cmpint (x->due_soon, ==, y->due_soon);
    }
  g_assert_cmpstr (pd_checklist_get_filing (a)->address, ==, pd_checklist_get_filing (b)->address);
  g_assert_cmpuint (pd_checklist_get_filing (a)->bring->len, ==, pd_checklist_get_filing (b)->bring->len);
}

static void
test_json_round_trip (void)
{
  g_autoptr(PdChecklistQuery) query = make_query ();
  g_autoptr(PdChecklistQuery) loaded_query = NULL;
  g_autoptr(GDate) today = rules_test_date ("2026-11-30");
  g_autoptr(PdChecklist) checklist = pd_rules_make_checklist (rules, query, today);
  g_autoptr(PdChecklist) loaded = NULL;
  g_autoptr(PdChecklist) remade = NULL;
  g_autofree char *dir = pd_test_make_tmpdir ("pd-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "checklist.json", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (pd_checklist_save_json (checklist, query, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = pd_checklist_load_json (path, &loaded_query, &error);
  g_assert_no_error (error);
  assert_same_checklist (checklist, loaded);

  /* HR imports the answers and documents: the same checklist comes out of the rules. */
  g_assert_nonnull (loaded_query);
  g_assert_cmpstr (loaded_query->city, ==, "shanghai");
  g_assert_cmpstr (((PdProvidedDocument *) g_hash_table_lookup (loaded_query->documents, "passport"))->file,
                   ==, "/home/user/passport.pdf");
  remade = pd_rules_make_checklist (rules, loaded_query, today);
  assert_same_checklist (checklist, remade);

  pd_test_rm_rf (dir);
}

static void
test_json_bad_file_is_refused (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-export-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "checklist.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdChecklist) loaded = NULL;

  g_file_set_contents (path, "{\"format\": \"permitdesk-checklist\", \"format_version\": 1, "
                       "\"rules_version\": \"x\", \"kind\": \"holiday\", \"completeness\": 0, "
                       "\"items\": [], \"deadlines\": []}", -1, &error);
  g_assert_no_error (error);

  loaded = pd_checklist_load_json (path, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, PD_RULES_ERROR, PD_RULES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.kind"));

  pd_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = rules_test_source_dir ();
  rules = rules_test_load (dir);

  g_test_add_func ("/rules/export/pdf-lists-every-item", test_pdf_lists_items);
  g_test_add_func ("/rules/export/pdf-shows-chinese-texts", test_pdf_in_chinese);
  g_test_add_func ("/rules/export/json-round-trip", test_json_round_trip);
  g_test_add_func ("/rules/export/bad-json-is-refused", test_json_bad_file_is_refused);

  status = g_test_run ();
  g_object_unref (rules);
  return status;
}
