/* test-hr.c: the core of the HR workspace: search keys, filters, CSV, import, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <cairo-pdf.h>
#include <poppler.h>
#include <sys/stat.h>

#include "hr-test-common.h"
#include "pd-case-table.h"
#include "pd-rules.h"
#include "pd-portal-client.h"
#include "pd-sync-engine.h"
#include "pd-case-csv.h"
#include "pd-case-event.h"
#include "pd-case-filter.h"
#include "pd-case-index.h"
#include "pd-csv.h"
#include "pd-demo.h"
#include "pd-filing-packet.h"
#include "pd-pinyin.h"
#include "pd-store-private.h"
#include "pd-test-util.h"

typedef struct {
  char    *dir;
  PdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = pd_test_make_tmpdir ("pd-hr-XXXXXX");
  path = g_build_filename (f->dir, "cases.db", NULL);
  f->store = pd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  pd_test_rm_rf (f->dir);
  g_free (f->dir);
}

static guint
n_cases (Fixture *f)
{
  return g_list_model_get_n_items (pd_store_get_cases (f->store));
}

static void
save (Fixture *f,
      PdCase  *item)
{
  g_autoptr(GError) error = NULL;

  pd_store_save_case (f->store, item, &error);
  g_assert_no_error (error);
}

/* ---- search ---- */

static gboolean
finds (PdCaseIndex *index,
       PdCase      *item,
       const char  *text)
{
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autofree char *folded = pd_search_fold (text);

  pd_case_filter_set_text (filter, text);
  return pd_case_filter_matches (filter, folded, pd_case_index_get (index, item),
                                 pd_case_index_get_today (index));
}

static void
test_search_names_pinyin_and_numbers (void)
{
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCase) item = hr_test_make_case (0);  /* John Smith, 约翰·史密斯 */

  g_assert_cmpstr (pd_person_get_name_zh (pd_case_get_person (item)), ==, "约翰·史密斯");
  g_assert_true (finds (index, item, "约翰史密斯"));
  g_assert_true (finds (index, item, "史密"));
  g_assert_true (finds (index, item, "john SMITH"));
  g_assert_true (finds (index, item, "yuehan shimisi"));
  g_assert_true (finds (index, item, "yhsms"));
  g_assert_true (finds (index, item, "shimisi"));
  g_assert_true (finds (index, item, "P00000000"));
  g_assert_false (finds (index, item, "petrov"));
  g_assert_false (finds (index, item, "ywsms"));

  /* A change of the case is seen at the next search: the summary follows. */
  pd_person_set_name_latin (pd_case_get_person (item), "Joan Smyth");
  pd_case_set_notes (item, "renamed");
  g_assert_true (finds (index, item, "smyth"));
}

static void
test_search_accents_and_permit_number (void)
{
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCase) item = hr_test_make_case (3);

  pd_person_set_name_latin (pd_case_get_person (item), "Lucía Fernández");
  pd_person_set_name_zh (pd_case_get_person (item), "露西亚·费尔南德斯");
  pd_case_set_notes (item, "changed");
  g_assert_true (finds (index, item, "lucia fernandez"));
  g_assert_true (finds (index, item, "luxiya"));
  g_assert_true (finds (index, item, "lxyfends"));
  g_assert_true (finds (index, item, pd_permit_get_number (pd_case_get_permit (item))));
}

/* Every character of every Chinese demo and test name has its pinyin. */
static void
test_pinyin_covers_demo_names (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *cases;

  pd_demo_fill_store (f->store, &error);
  g_assert_no_error (error);
  cases = pd_store_get_cases (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (cases) + 16 * 17; i++)
    {
      g_autoptr(PdCase) item = i < g_list_model_get_n_items (cases) ? g_list_model_get_item (cases, i)
                                                                     : hr_test_make_case (i);
      const char *zh = pd_person_get_name_zh (pd_case_get_person (item));

      for (const char *p = zh; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c >= 0x4E00 && c <= 0x9FFF && pd_pinyin_for_char (c) == NULL)
            g_error ("No pinyin for %s in a demo name", p);
        }
    }
  g_assert_cmpuint (pd_pinyin_get_n_chars (), >, 1500);
  g_assert_cmpstr (pd_pinyin_for_char (g_utf8_get_char ("朴")), ==, "piao");
  g_assert_cmpstr (pd_pinyin_for_char (g_utf8_get_char ("曾")), ==, "zeng");
}

/* ---- filters ---- */

static PdCase *
case_due_in (int days)
{
  PdCase *item = hr_test_make_case (1);
  g_autoptr(GDate) deadline = g_date_new ();

  g_date_set_time_t (deadline, time (NULL));
  if (days >= 0)
    g_date_add_days (deadline, days);
  else
    g_date_subtract_days (deadline, -days);
  pd_case_set_next_deadline (item, deadline);
  pd_case_set_status (item, PD_CASE_STATUS_SUBMITTED);
  return item;
}

static gboolean
passes (PdCaseIndex  *index,
        PdCaseFilter *filter,
        PdCase       *item)
{
  return pd_case_filter_matches (filter, NULL, pd_case_index_get (index, item),
                                 pd_case_index_get_today (index));
}

static void
test_filter_deadlines_filing_legacy (void)
{
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCase) overdue = case_due_in (-2);
  g_autoptr(PdCase) soon = case_due_in (5);
  g_autoptr(PdCase) later = case_due_in (40);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();

  filter->overdue = TRUE;
  g_assert_true (passes (index, filter, overdue));
  g_assert_false (passes (index, filter, soon));

  filter->overdue = FALSE;
  filter->due_within_days = 7;
  g_assert_false (passes (index, filter, overdue));
  g_assert_true (passes (index, filter, soon));
  g_assert_false (passes (index, filter, later));

  /* A closed case has no deadline to meet. */
  pd_case_set_status (soon, PD_CASE_STATUS_COMPLETED);
  g_assert_false (passes (index, filter, soon));

  filter->due_within_days = -1;
  filter->awaiting_filing = TRUE;
  g_assert_false (passes (index, filter, later));
  pd_case_set_status (later, PD_CASE_STATUS_FILING_REQUIRED);
  g_assert_true (passes (index, filter, later));

  filter->awaiting_filing = FALSE;
  filter->legacy_to_upgrade = TRUE;
  pd_case_set_legacy_card (later, TRUE);
  g_assert_true (passes (index, filter, later));
  pd_case_set_kind (later, PD_CASE_KIND_ESSC_UPGRADE);
  pd_case_set_status (later, PD_CASE_STATUS_COMPLETED);
  g_assert_false (passes (index, filter, later));

  filter->legacy_to_upgrade = FALSE;
  filter->kind = PD_CASE_KIND_RENEWAL;
  g_assert_true (passes (index, filter, overdue));  /* case 1 is a renewal */
  filter->city = g_strdup ("Beijing");
  g_assert_true (passes (index, filter, overdue));
  pd_case_filter_set_city (filter, "Shanghai");
  g_assert_false (passes (index, filter, overdue));
  /* The same city however typed. */
  pd_case_filter_set_city (filter, "BEI-JING");
  g_assert_true (passes (index, filter, overdue));
  pd_case_set_city (overdue, "上海");
  pd_case_filter_set_city (filter, "上海");
  g_assert_true (passes (index, filter, overdue));
  pd_case_filter_set_city (filter, "北京");
  g_assert_false (passes (index, filter, overdue));
}

static void
test_filter_saves_and_restores (void)
{
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autoptr(PdCaseFilter) restored = NULL;
  g_autoptr(GVariant) variant = NULL;

  pd_case_filter_set_text (filter, "约翰");
  filter->status = PD_CASE_STATUS_APPROVED;
  filter->due_within_days = 14;
  filter->awaiting_filing = TRUE;
  pd_case_filter_set_city (filter, "Shenzhen");
  variant = g_variant_ref_sink (pd_case_filter_to_variant (filter));
  restored = pd_case_filter_new_from_variant (variant);
  g_assert_true (pd_case_filter_equal (filter, restored));
  g_assert_false (pd_case_filter_is_empty (restored));

  g_clear_pointer (&restored, pd_case_filter_free);
  g_clear_pointer (&variant, g_variant_unref);
  variant = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <99>, 'overdue': <'yes'>, 'future': <1>}"));
  restored = pd_case_filter_new_from_variant (variant);
  g_assert_true (pd_case_filter_is_empty (restored));
}

/* ---- CSV ---- */

static void
test_csv_reads_spreadsheet_exports (void)
{
  const char data[] = "\xEF\xBB\xBFname;note\r\n\"Smith; John\";\"said \"\"hi\"\"\r\nthen left\"\r\n\r\nWang;\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pd_csv_parse (data, strlen (data), &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[0], ==, "name");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, "Smith; John");
  g_assert_cmpstr (row[1], ==, "said \"hi\"\r\nthen left");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row[0], ==, "Wang");
  g_assert_cmpstr (row[1], ==, "");
  g_assert_null (row[2]);
}

static void
test_csv_refuses_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  rows = pd_csv_parse ("a,b\n\"open,c\n", 11, &error);
  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_SYNTAX);
  g_clear_error (&error);

  rows = pd_csv_parse ("a,\xff\xfe\n", 6, &error);
  g_assert_null (rows);
  g_assert_error (error, PD_CSV_ERROR, PD_CSV_ERROR_ENCODING);
}

static void
test_csv_defuses_formulas (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *fields[] = { "=HYPERLINK(\"x\")", "+1", "Smith, John", "plain" };

  pd_csv_append_row (out, fields, 4);
  g_assert_cmpstr (out->str, ==, "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"Smith, John\",plain\r\n");
}

/* ---- import ---- */

static const char import_file[] =
  "Name Latin,name_zh,Nationality,Passport Number,kind,status,city,permit_number,next_deadline\r\n"
  "Ingrid Larsen,英格丽·拉森,NOR,NO4412789,new-permit,draft,Shanghai,,2027-01-15\r\n"
  "Bad Date,,DEU,C01X00T47,renewal,submitted,Beijing,110000202600000001,2027-02-30\r\n"
  ",,FRA,,holiday,,Paris,123,\r\n"
  "Ingrid Again,,NOR,no4412789,new-permit,draft,Shanghai,,\r\n"
  "Per Larsen,,NOR,NO5512789,change,ready,Shanghai,310000202600000077,\r\n"
  "Permit Twin,,SWE,SE1234567,change,ready,Shanghai,310000202600000077,\r\n";

static void
test_import_lists_errors_and_writes_nothing (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(PdCaseImport) import = pd_case_import_new (f->store);
  g_autoptr(GError) error = NULL;
  const PdImportRow *row;

  g_assert_true (pd_case_import_load (import, import_file, strlen (import_file), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_case_import_get_n_rows (import), ==, 6);
  g_assert_cmpuint (pd_case_import_get_n_valid (import), ==, 2);
  g_assert_cmpuint (n_cases (f), ==, 0);

  row = pd_case_import_get_row (import, 0);
  g_assert_cmpuint (row->row, ==, 2);
  g_assert_nonnull (row->item);
  g_assert_cmpuint (row->errors->len, ==, 0);

  row = pd_case_import_get_row (import, 1);
  g_assert_null (row->item);
  g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), "2027-02-30"));

  row = pd_case_import_get_row (import, 2);
  g_assert_cmpuint (row->errors->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), "holiday"));

  row = pd_case_import_get_row (import, 3);
  g_assert_null (row->item);
  g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), "row 2"));

  row = pd_case_import_get_row (import, 5);
  g_assert_null (row->item);
  g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), "permit number"));
  g_assert_nonnull (strstr (g_ptr_array_index (row->errors, 0), "row 6"));

  /* Nothing was written by reading; committing writes the good rows at once. */
  g_assert_cmpuint (n_cases (f), ==, 0);
  {
    g_autoptr(GPtrArray) items = pd_case_import_commit (import, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 2);
  }
  g_assert_cmpuint (n_cases (f), ==, 2);
}

static void
test_import_finds_duplicates_in_store (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(PdCase) stored = hr_test_make_case (7);
  g_autoptr(PdCaseImport) import = pd_case_import_new (f->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  save (f, stored);
  csv = g_strdup_printf ("name_latin,nationality,passport_number,kind,permit_number\n"
                         "Someone,%s,%s,new-permit,\n"
                         "Other,USA,US7654321,renewal,%s\n",
                         pd_person_get_nationality (pd_case_get_person (stored)),
                         pd_person_get_passport_number (pd_case_get_person (stored)),
                         pd_permit_get_number (pd_case_get_permit (stored)));
  g_assert_true (pd_case_import_load (import, csv, strlen (csv), &error));
  g_assert_cmpuint (pd_case_import_get_n_valid (import), ==, 0);
  g_assert_nonnull (strstr (g_ptr_array_index (pd_case_import_get_row (import, 0)->errors, 0), "already has a case"));
  g_assert_nonnull (strstr (g_ptr_array_index (pd_case_import_get_row (import, 1)->errors, 0), "permit number"));
  g_assert_null (pd_case_import_commit (import, &error));
  g_assert_error (error, PD_CASE_CSV_ERROR, PD_CASE_CSV_ERROR_NOTHING_TO_IMPORT);
  g_assert_cmpuint (n_cases (f), ==, 1);
}

static void
test_import_refuses_file_without_columns (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(PdCaseImport) import = pd_case_import_new (f->store);
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_case_import_load (import, "a,b\n1,2\n", 8, &error));
  g_assert_error (error, PD_CASE_CSV_ERROR, PD_CASE_CSV_ERROR_COLUMNS);
}

/* ---- export ---- */

static void
test_export_round_trips (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(PdStore) other = NULL;
  g_autoptr(PdCaseImport) import = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  struct stat st;

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(PdCase) item = hr_test_make_case (i);

      if (i == 5)
        pd_case_set_notes (item, "=cmd|' /C calc'!A0");
      save (f, item);
    }

  g_assert_true (pd_case_csv_export_file (pd_store_get_cases (f->store), path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  other = pd_store_open (other_path, &error);
  g_assert_no_error (error);
  import = pd_case_import_new (other);
  g_assert_true (pd_case_import_load_file (import, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pd_case_import_get_n_valid (import), ==, 12);
  items = pd_case_import_commit (import, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < items->len; i++)
    {
      PdCase *copy = g_ptr_array_index (items, i);
      PdCase *original = NULL;
      GListModel *cases = pd_store_get_cases (f->store);

      for (guint j = 0; j < g_list_model_get_n_items (cases) && original == NULL; j++)
        {
          g_autoptr(PdCase) candidate = g_list_model_get_item (cases, j);

          if (g_str_equal (pd_person_get_passport_number (pd_case_get_person (candidate)),
                           pd_person_get_passport_number (pd_case_get_person (copy))))
            original = candidate;
        }
      g_assert_nonnull (original);
      g_assert_cmpstr (pd_person_get_name_zh (pd_case_get_person (copy)), ==,
                       pd_person_get_name_zh (pd_case_get_person (original)));
      g_assert_cmpint (pd_case_get_kind (copy), ==, pd_case_get_kind (original));
      g_assert_cmpint (pd_case_get_status (copy), ==, pd_case_get_status (original));
      g_assert_cmpstr (pd_case_get_notes (copy), ==, pd_case_get_notes (original));
      g_assert_true ((pd_case_get_next_deadline (copy) == NULL) == (pd_case_get_next_deadline (original) == NULL));
      g_assert_true (pd_case_get_next_deadline (copy) == NULL ||
                     g_date_compare (pd_case_get_next_deadline (copy), pd_case_get_next_deadline (original)) == 0);
    }
}

/* ---- history ---- */

static void
test_status_changes_are_recorded (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PdCase) item = hr_test_make_case (2);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  PdCaseEvent *event;

  pd_case_set_status (item, PD_CASE_STATUS_DRAFT);
  save (f, item);
  pd_case_set_notes (item, "no status change");
  save (f, item);
  pd_case_set_status (item, PD_CASE_STATUS_READY);
  save (f, item);

  events = pd_store_list_case_events (f->store, pd_case_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (event->kind, ==, PD_CASE_EVENT_CREATED);
  g_assert_cmpint (event->status, ==, PD_CASE_STATUS_DRAFT);
  event = g_ptr_array_index (events, 1);
  g_assert_cmpint (event->kind, ==, PD_CASE_EVENT_STATUS_CHANGED);
  g_assert_cmpint (event->from_status, ==, PD_CASE_STATUS_DRAFT);
  g_assert_cmpint (event->status, ==, PD_CASE_STATUS_READY);
}

static PdCase *
reopen_first_case (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (pd_store_get_path (f->store));

  g_clear_object (&f->store);
  f->store = pd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_cases (f), ==, 1);
  return g_list_model_get_item (pd_store_get_cases (f->store), 0);
}

/* Opening reads documents and filings per case when first needed, and the
 * summaries read them without keeping them: none of this may lose any. */
static void
test_documents_read_when_needed_and_kept (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(PdCase) item = hr_test_make_case (4);
  g_autoptr(PdFiling) filing = pd_filing_new ();
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCase) loaded = NULL;
  g_autoptr(PdCase) again = NULL;
  g_autoptr(PdFiling) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint n_documents = g_list_model_get_n_items (pd_case_get_documents (item));

  g_assert_cmpuint (n_documents, >, 0);
  pd_filing_set_city (filing, "Shanghai");
  pd_case_add_filing (item, filing);
  save (f, item);

  loaded = reopen_first_case (f);
  g_assert_true (pd_case_index_get (index, loaded)->awaiting_filing);
  pd_case_set_notes (loaded, "saved after the summary read its filings");
  g_assert_true (pd_store_save_case (f->store, loaded, &error));
  g_assert_no_error (error);

  again = reopen_first_case (f);
  g_assert_cmpstr (pd_case_get_notes (again), ==, "saved after the summary read its filings");
  g_assert_cmpuint (g_list_model_get_n_items (pd_case_get_documents (again)), ==, n_documents);
  g_assert_cmpuint (g_list_model_get_n_items (pd_case_get_filings (again)), ==, 1);
  stored = g_list_model_get_item (pd_case_get_filings (again), 0);
  g_assert_cmpstr (pd_filing_get_city (stored), ==, "Shanghai");
}

static void
test_pending_changes_count_the_outbox (Fixture       *f,
                                       gconstpointer  data)
{
  /* A portal nobody answers: every edit waits in the outbox. */
  g_autoptr(PdPortalClient) client = pd_portal_client_new ("http://127.0.0.1:9", NULL);
  g_autoptr(PdSyncEngine) engine = pd_sync_engine_new (f->store, client);
  g_autoptr(PdCase) item = pd_case_new (PD_CASE_KIND_NEW_PERMIT);

  g_assert_cmpuint (pd_store_count_pending_changes (f->store), ==, 0);
  pd_person_set_name_latin (pd_case_get_person (item), "Ana Pereira");
  pd_person_set_nationality (pd_case_get_person (item), "PRT");
  pd_person_set_passport_number (pd_case_get_person (item), "CB123456");
  save (f, item);
  g_assert_cmpuint (pd_store_count_pending_changes (f->store), >=, 1);
}

static void
write_two_page_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 300, 400);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < 2; i++)
    {
      cairo_rectangle (cr, 20, 20, 100, 100);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_filing_packet_pdf (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PdCase) item = hr_test_make_case (0);
  g_autofree char *attached = g_build_filename (f->dir, "passport.pdf", NULL);
  g_autofree char *out = g_build_filename (f->dir, "packet.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(PdDocument) passport = NULL;
  g_autoptr(PdFilingPacket) packet = NULL;
  PopplerDocument *pdf;
  g_autoptr(GError) error = NULL;
  PopplerPage *page;
  struct stat st;

  write_two_page_pdf (attached);
  passport = g_list_model_get_item (pd_case_get_documents (item), 0);
  pd_document_set_file_path (passport, attached);

  /* Cover, list to bring, the passport's two pages, and the photo without a file. */
  packet = pd_filing_packet_new (item, NULL);
  g_assert_cmpint (pd_filing_packet_get_n_pages (packet), ==, 5);
  g_assert_true (pd_filing_packet_export_pdf (packet, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  uri = g_filename_to_uri (out, NULL, NULL);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 5);
  page = poppler_document_get_page (pdf, 0);
  cover = poppler_page_get_text (page);
  g_assert_nonnull (strstr (cover, "John Smith"));
  g_assert_nonnull (strstr (cover, "P00000000"));
  g_object_unref (page);
  g_object_unref (pdf);
}

static void
on_index_changed_cb (PdCaseIndex *index,
                     guint       *count)
{
  (*count)++;
}

/* New rules (from the portal, while the app runs) make every summary stale at once. */
static void
test_index_follows_new_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRules) rules = pd_rules_new (pd_rules_get_default_dir ());
  g_autoptr(PdCaseIndex) index = NULL;
  g_autoptr(PdCase) item = pd_case_new (PD_CASE_KIND_RENEWAL);
  guint changed = 0, computed;

  g_assert_true (pd_rules_reload (rules, &error));
  g_assert_no_error (error);
  index = pd_case_index_new (rules);
  g_signal_connect (index, "changed", G_CALLBACK (on_index_changed_cb), &changed);

  pd_case_index_get (index, item);
  computed = pd_case_index_get_n_computed (index);
  pd_case_index_get (index, item);
  g_assert_cmpuint (pd_case_index_get_n_computed (index), ==, computed);

  g_signal_emit_by_name (rules, "changed");
  g_assert_cmpuint (changed, ==, 1);
  pd_case_index_get (index, item);
  g_assert_cmpuint (pd_case_index_get_n_computed (index), >, computed);
}

/* The table's passes read the summaries it checked last while no case and
 * nothing of the index changed: a case changed without a refresh, or a new
 * day, must still be seen by the next search. */
static void
test_table_sees_changed_cases_and_days (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (PD_TYPE_CASE);
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCaseTable) table = pd_case_table_new (index);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autoptr(PdCase) edited = NULL;
  g_autoptr(PdCase) third = NULL;
  GDate later;
  guint overdue;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(PdCase) item = hr_test_make_case (i);

      g_list_store_append (cases, item);
    }
  pd_case_table_set_model (table, G_LIST_MODEL (cases));

  pd_case_filter_set_text (filter, "zyzzyva");
  pd_case_table_set_filter (table, filter, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 0);
  pd_case_filter_set_text (filter, "zyzzyv");
  pd_case_table_set_filter (table, filter, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 0);

  third = g_list_model_get_item (G_LIST_MODEL (cases), 3);
  edited = pd_case_copy (third);
  pd_person_set_name_latin (pd_case_get_person (edited), "Zyzzyva Smith");
  pd_case_apply (third, edited);
  pd_case_filter_set_text (filter, "zyzzyva");
  pd_case_table_set_filter (table, filter, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, 1);
  g_assert_true (pd_case_table_peek (table, 0) == third);

  pd_case_filter_set_text (filter, NULL);
  filter->overdue = TRUE;
  pd_case_table_set_filter (table, filter, FALSE);
  overdue = g_list_model_get_n_items (G_LIST_MODEL (table));
  g_assert_cmpuint (overdue, >, 0);
  later = *pd_case_index_get_today (index);
  g_date_add_days (&later, 30);
  pd_case_index_set_today (index, &later);
  pd_case_table_set_filter (table, filter, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), >, overdue);
}

/* A search reads basic summaries (no checklist is evaluated for it); a
 * filter by deadline completes them, and finds what complete summaries say. */
static void
test_table_search_reads_basic_summaries (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRules) rules = pd_rules_new (pd_rules_get_default_dir ());
  g_autoptr(GListStore) cases = g_list_store_new (PD_TYPE_CASE);
  g_autoptr(PdCaseIndex) index = NULL;
  g_autoptr(PdCaseTable) table = NULL;
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  guint overdue = 0;

  g_assert_true (pd_rules_reload (rules, &error));
  g_assert_no_error (error);
  index = pd_case_index_new (rules);
  table = pd_case_table_new (index);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(PdCase) item = hr_test_make_case (i);

      g_list_store_append (cases, item);
    }
  pd_case_table_set_model (table, G_LIST_MODEL (cases));

  pd_case_filter_set_text (filter, "smith");
  pd_case_table_set_filter (table, filter, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), >, 0);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (G_LIST_MODEL (cases), i);

      g_assert_cmpint (pd_case_index_get_basic_unchecked (index, item)->completeness, ==, -1);
    }

  pd_case_filter_set_text (filter, NULL);
  filter->overdue = TRUE;
  pd_case_table_set_filter (table, filter, FALSE);
  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (G_LIST_MODEL (cases), i);
      const PdCaseSummary *summary = pd_case_index_get_basic_unchecked (index, item);

      g_assert_cmpint (summary->completeness, >=, 0);
      overdue += g_date_valid (&summary->next_deadline) &&
                 pd_case_days_until (&summary->next_deadline, pd_case_index_get_today (index)) < 0;
    }
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (table)), ==, overdue);
}

/* ASCII folds byte by byte, the rest through Unicode: both the same way. */
static void
test_search_fold (void)
{
  static const struct { const char *text, *folded; } cases[] = {
    { "Min-Jun O'Brien. K\tX", "minjunobrienkx" },
    { "P000123 / E12345678", "p000123/e12345678" },
    { "García Müller", "garciamuller" },
    { "GARCÍA-MÜLLER", "garciamuller" },
    { "约翰·史密斯", "约翰史密斯" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = pd_search_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

/* Many basic summaries are made on two cores: the same as one by one. */
static void
test_basic_summaries_on_two_cores (void)
{
  enum { N = 12000 };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PdCaseIndex) parallel = pd_case_index_new (NULL);
  g_autoptr(PdCaseIndex) serial = pd_case_index_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N; i++)
    g_ptr_array_add (cases, hr_test_make_case (i));

  pd_case_index_ensure_basic (parallel, (PdCase *const *) cases->pdata, N);
  for (guint i = 0; i < N; i++)
    {
      const PdCaseSummary *summary = pd_case_index_get_basic_unchecked (parallel, g_ptr_array_index (cases, i));

      g_ptr_array_add (keys, g_strconcat (summary->search_key, "|", summary->name_key, "|",
                                          summary->city_key ? summary->city_key : "", NULL));
    }

  /* Another index makes them again, here, one by one. */
  for (guint i = 0; i < N; i++)
    {
      const PdCaseSummary *summary = pd_case_index_get_basic_unchecked (serial, g_ptr_array_index (cases, i));
      g_autofree char *key = g_strconcat (summary->search_key, "|", summary->name_key, "|",
                                          summary->city_key ? summary->city_key : "", NULL);

      g_assert_cmpstr (key, ==, g_ptr_array_index (keys, i));
    }
}

/* Cities typed in Latin letters read in the user's language, and are found
 * by that name too. Run last: it switches the process to Chinese (gettext
 * keeps what it found, so switching back would not be seen at once). */
static void
test_cities_in_the_users_language (void)
{
  g_autofree char *locale_dir = g_build_filename (g_getenv ("PD_BUILD_ROOT"), "po", NULL);
  g_autoptr(PdCaseIndex) index = pd_case_index_new (NULL);
  g_autoptr(PdCase) item = hr_test_make_case (1);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autofree char *folded = pd_search_fold ("上海");
  const char *atlantis = "Atlantis";

  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  pd_case_set_city (item, "shang-hai");

  g_assert_cmpstr (pd_city_to_label ("shanghai"), ==, "Shanghai");
  g_assert_cmpstr (pd_city_to_label ("XIAN"), ==, "Xi'an");
  g_assert_true (pd_city_to_label (atlantis) == atlantis);
  g_assert_null (pd_city_to_label (NULL));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpstr (pd_city_to_label ("shanghai"), ==, "上海");
  g_assert_cmpstr (pd_city_to_label ("Xi'an"), ==, "西安");
  g_assert_true (pd_city_to_label (atlantis) == atlantis);
  pd_case_filter_set_text (filter, "上海");
  g_assert_true (pd_case_filter_matches (filter, folded, pd_case_index_get (index, item),
                                         pd_case_index_get_today (index)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hr/index/follows-new-rules", test_index_follows_new_rules);

  g_test_add_func ("/hr/search/names-pinyin-initials-and-numbers", test_search_names_pinyin_and_numbers);
  g_test_add_func ("/hr/search/accents-and-permit-number", test_search_accents_and_permit_number);
  g_test_add_func ("/hr/search/fold", test_search_fold);
  g_test_add ("/hr/pinyin/covers-every-demo-name", Fixture, NULL, fixture_setup,
              test_pinyin_covers_demo_names, fixture_teardown);
  g_test_add_func ("/hr/filter/deadlines-filing-legacy-kind-city", test_filter_deadlines_filing_legacy);
  g_test_add_func ("/hr/filter/saves-and-restores", test_filter_saves_and_restores);
  g_test_add_func ("/hr/table/sees-changed-cases-and-a-new-day", test_table_sees_changed_cases_and_days);
  g_test_add_func ("/hr/index/basic-summaries-on-two-cores", test_basic_summaries_on_two_cores);
  g_test_add_func ("/hr/table/search-reads-basic-summaries-deadlines-complete-ones",
                   test_table_search_reads_basic_summaries);
  g_test_add_func ("/hr/csv/reads-spreadsheet-exports", test_csv_reads_spreadsheet_exports);
  g_test_add_func ("/hr/csv/refuses-bad-files", test_csv_refuses_bad_files);
  g_test_add_func ("/hr/csv/defuses-formulas", test_csv_defuses_formulas);
  g_test_add ("/hr/import/lists-errors-per-row-and-writes-nothing-until-commit", Fixture, NULL,
              fixture_setup, test_import_lists_errors_and_writes_nothing, fixture_teardown);
  g_test_add ("/hr/import/finds-duplicates-in-store", Fixture, NULL, fixture_setup,
              test_import_finds_duplicates_in_store, fixture_teardown);
  g_test_add ("/hr/import/refuses-file-without-columns", Fixture, NULL, fixture_setup,
              test_import_refuses_file_without_columns, fixture_teardown);
  g_test_add ("/hr/export/round-trips-private-file", Fixture, NULL, fixture_setup,
              test_export_round_trips, fixture_teardown);
  g_test_add ("/hr/history/status-changes-are-recorded", Fixture, NULL, fixture_setup,
              test_status_changes_are_recorded, fixture_teardown);
  g_test_add ("/hr/store/documents-read-when-needed-and-kept", Fixture, NULL, fixture_setup,
              test_documents_read_when_needed_and_kept, fixture_teardown);
  g_test_add ("/hr/store/pending-changes-count-the-outbox", Fixture, NULL, fixture_setup,
              test_pending_changes_count_the_outbox, fixture_teardown);

  g_test_add ("/hr/packet/pdf-has-cover-list-and-documents-in-order", Fixture, NULL, fixture_setup,
              test_filing_packet_pdf, fixture_teardown);

  g_test_add_func ("/hr/zz-labels/cities-in-the-users-language", test_cities_in_the_users_language);
  return g_test_run ();
}
