/* test-store.c: the SQLite store, on real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-demo.h"
#include "pd-model.h"
#include "pd-store.h"
#include "pd-store-private.h"
#include "pd-store-schema.h"
#include "pd-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_tmpdir ("pd-store-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "permitdesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ---- helpers ---- */

static GDate *
make_date (int year,
           int month,
           int day)
{
  return g_date_new_dmy (day, month, year);
}

static PdCase *
make_case (const char *latin_name,
           const char *passport)
{
  PdCase *item = pd_case_new (PD_CASE_KIND_NEW_PERMIT);
  PdPerson *person = pd_case_get_person (item);

  pd_person_set_name_latin (person, latin_name);
  pd_person_set_nationality (person, "GBR");
  pd_person_set_passport_number (person, passport);
  pd_case_set_city (item, "Beijing");
  return item;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every table of the file, as text: equal dumps, equal contents. */
static char *
dump_database (const char *path)
{
  static const char * const tables[] = { "meta", "employers", "persons", "permits", "cases", "documents", "filings" };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            g_string_append_printf (dump, "%s|", sqlite3_column_text (stmt, i) ? (const char *) sqlite3_column_text (stmt, i) : "NULL");
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

/* ---- creating ---- */

static void
test_create_private_wal_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autofree char *journal = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpstr (pd_store_get_path (store), ==, fixture->path);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_true (pd_store_is_empty (store));
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 0);

  db = pd_store_get_db (store);
  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, pd_store_schema_get_latest_version ());
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, PD_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 2);
}

static void
test_existing_file_made_private (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "", 0, NULL));
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
}

static void
test_default_path_in_private_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (NULL, &error);
  g_autofree char *expected = g_build_filename (g_getenv ("PERMITDESK_DATA_DIR"), "permitdesk.db", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (pd_store_get_path (store), ==, expected);
  g_assert_cmpuint (file_mode (g_getenv ("PERMITDESK_DATA_DIR")), ==, 0700);
  g_assert_cmpuint (file_mode (expected), ==, 0600);
}

/* ---- round trip ---- */

/* Asserts that every readable, writable property differs from its default, so a
 * round trip of @object proves every field survives. */
static void
assert_every_field_set (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      if (g_param_value_defaults (pspecs[i], &value))
        g_error ("%s:%s is left at its default", G_OBJECT_TYPE_NAME (object), pspecs[i]->name);
    }
}

static PdCase *
make_full_case (void)
{
  PdCase *item = pd_case_new (PD_CASE_KIND_RENEWAL);
  PdPerson *person = pd_case_get_person (item);
  g_autoptr(PdEmployer) employer = pd_employer_new ();
  g_autoptr(PdPermit) permit = pd_permit_new ();
  g_autoptr(PdDocument) passport = pd_document_new ();
  g_autoptr(PdDocument) degree = pd_document_new ();
  g_autoptr(PdFiling) filing = pd_filing_new ();
  g_autoptr(GDate) birth = make_date (1984, 2, 29);
  g_autoptr(GDate) from = make_date (2024, 3, 1);
  g_autoptr(GDate) until = make_date (2026, 2, 28);
  g_autoptr(GDate) submitted = make_date (2025, 12, 31);
  g_autoptr(GDate) deadline = make_date (2026, 1, 15);
  g_autoptr(GDate) expires = make_date (2031, 7, 9);
  g_autoptr(GTimeZone) beijing = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) created = g_date_time_new (beijing, 2025, 11, 3, 9, 30, 15.123456);
  g_autoptr(GDateTime) appointment = g_date_time_new_utc (2026, 1, 20, 1, 30, 0);

  pd_person_set_name_zh (person, "约翰·史密斯");
  pd_person_set_name_latin (person, "John O'Smith; DROP TABLE cases");
  pd_person_set_nationality (person, "USA");
  pd_person_set_passport_number (person, "E12345678");
  pd_person_set_date_of_birth (person, birth);
  pd_person_set_email (person, "john@example.com");

  pd_employer_set_name (employer, "上海浦江智能科技有限公司");
  pd_employer_set_name_en (employer, "Shanghai Pujiang Intelligent Technology Co., Ltd.");
  pd_employer_set_uscc (employer, "91310115MA1K4B2X7Q");
  pd_employer_set_city (employer, "Shanghai");

  pd_permit_set_number (permit, "310000198402290012");
  pd_permit_set_category (permit, PD_PERMIT_CATEGORY_C);
  pd_permit_set_valid_from (permit, from);
  pd_permit_set_valid_until (permit, until);
  pd_permit_set_status (permit, PD_PERMIT_STATUS_EXPIRED);

  pd_document_set_kind (passport, "passport");
  pd_document_set_title (passport, "Passport “main”");
  pd_document_set_state (passport, PD_DOCUMENT_STATE_VERIFIED);
  pd_document_set_authentication (passport, PD_DOCUMENT_AUTH_TRANSLATED);
  pd_document_set_file_path (passport, "/home/hr/文件/passport.pdf");
  pd_document_set_sha256 (passport, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  pd_document_set_expires_on (passport, expires);
  pd_document_set_kind (degree, "degree");

  pd_filing_set_city (filing, "Shanghai");
  pd_filing_set_office (filing, "浦东新区行政服务中心");
  pd_filing_set_appointment (filing, appointment);
  pd_filing_set_done (filing, TRUE);
  pd_filing_set_notes (filing, "Bring originals");

  pd_case_set_status (item, PD_CASE_STATUS_UNDER_REVIEW);
  pd_case_set_city (item, "Shanghai");
  pd_case_set_category (item, PD_PERMIT_CATEGORY_A);
  pd_case_set_employer (item, employer);
  pd_case_set_permit (item, permit);
  pd_case_set_legacy_card (item, TRUE);
  pd_case_set_submitted_on (item, submitted);
  pd_case_set_next_deadline (item, deadline);
  pd_case_set_notes (item, "Line one\nLine two ' \" %s");
  pd_case_set_remote_id (item, "P-2025-000123");
  pd_case_set_version (item, G_GINT64_CONSTANT (9007199254740993));
  pd_case_set_created_at (item, created);
  pd_case_set_is_demo (item, TRUE);
  pd_case_add_document (item, passport);
  pd_case_add_document (item, degree);
  pd_case_add_filing (item, filing);

  assert_every_field_set (G_OBJECT (item));
  assert_every_field_set (G_OBJECT (person));
  assert_every_field_set (G_OBJECT (employer));
  assert_every_field_set (G_OBJECT (permit));
  assert_every_field_set (G_OBJECT (passport));
  assert_every_field_set (G_OBJECT (filing));
  return item;
}

static void
test_round_trip_every_field (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdCase) second = make_case ("Jane Doe", "K7654321");
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  PdCase *loaded;
  PdCase *loaded_second;

  g_assert_no_error (error);

  /* A second case of the same person and employer. */
  pd_case_set_person (second, pd_case_get_person (item));
  pd_case_set_employer (second, pd_case_get_employer (item));
  g_assert_true (pd_store_save_case (store, item, &error));
  g_assert_no_error (error);
  g_assert_true (pd_store_save_case (store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_compare (pd_case_get_updated_at (item), before), >=, 0);
  g_assert_false (pd_store_is_empty (store));
  g_clear_object (&store);

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 2);
  loaded = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), pd_case_get_id (item));
  loaded_second = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), pd_case_get_id (second));
  g_assert_nonnull (loaded);
  g_assert_true (loaded != item);
  g_assert_true (pd_case_equal (loaded, item));
  g_assert_true (pd_case_equal (loaded_second, second));
  g_assert_true (pd_case_get_person (loaded) == pd_case_get_person (loaded_second));
  g_assert_true (pd_case_get_employer (loaded) == pd_case_get_employer (loaded_second));
  g_assert_cmpint (g_date_time_get_microsecond (pd_case_get_created_at (loaded)), ==, 123456);
}

static void
test_update_is_saved (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdPermit) new_permit = pd_permit_new ();
  g_autoptr(PdDocument) first = NULL;
  g_autoptr(PdFiling) filing = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  PdCase *loaded;

  g_assert_true (pd_store_save_case (store, item, &error));
  g_signal_connect (pd_store_get_cases (store), "items-changed", G_CALLBACK (on_items_changed_cb), log);

  pd_case_set_notes (item, NULL);
  pd_case_set_next_deadline (item, NULL);
  pd_case_set_status (item, PD_CASE_STATUS_APPROVED);
  pd_person_set_email (pd_case_get_person (item), "");
  pd_permit_set_number (new_permit, "440300202601010001");
  pd_case_set_permit (item, new_permit);
  first = g_list_model_get_item (pd_case_get_documents (item), 0);
  pd_case_remove_document (item, first);
  filing = g_list_model_get_item (pd_case_get_filings (item), 0);
  pd_case_remove_filing (item, filing);
  g_assert_true (pd_store_save_case (store, item, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM permits"), ==, 1);
  g_clear_object (&store);

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  loaded = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), pd_case_get_id (item));
  g_assert_true (pd_case_equal (loaded, item));
  g_assert_cmpstr (pd_person_get_email (pd_case_get_person (loaded)), ==, "");
  g_assert_null (pd_case_get_notes (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (pd_case_get_documents (loaded)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pd_case_get_filings (loaded)), ==, 0);
}

/* An editor saves its copy: the listed object takes the changes and keeps its place. */
static void
test_saving_a_copy_updates_the_listed_case (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_case ("Anna Schmidt", "C01X00T47");
  g_autoptr(PdCase) copy = NULL;

  g_assert_true (pd_store_save_case (store, item, &error));
  copy = pd_case_copy (item);
  pd_person_set_name_zh (pd_case_get_person (copy), "安娜·施密特");
  g_assert_true (pd_store_save_case (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 1);
  g_assert_cmpstr (pd_person_get_name_zh (pd_case_get_person (item)), ==, "安娜·施密特");
  g_assert_true (pd_case_equal (item, copy));
}

/* ---- delete and undo ---- */

static void
test_delete_then_save_again_restores (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdCase) other = make_case ("Zoe Adams", "Z1234567");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after_undo = NULL;
  GListModel *cases = pd_store_get_cases (store);

  g_assert_true (pd_store_save_case (store, item, &error));
  g_assert_true (pd_store_save_case (store, other, &error));
  g_assert_no_error (error);
  before = dump_database (fixture->path);
  g_signal_connect (cases, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  /* item has a deadline, so it comes first. */
  g_assert_true (pd_store_delete_case (store, item, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "0-1+0;");
  g_assert_null (pd_case_list_lookup (PD_CASE_LIST (cases), pd_case_get_id (item)));
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM persons"), ==, 1);
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM permits"), ==, 0);
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (query_int (pd_store_get_db (store), "SELECT count(*) FROM filings"), ==, 0);

  /* Undo: the same object saved again. Only updated_at differs. */
  g_assert_true (pd_store_save_case (store, item, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "0-1+0;0-0+1;");
  g_assert_true (pd_case_list_lookup (PD_CASE_LIST (cases), pd_case_get_id (item)) == item);
  g_clear_object (&store);

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_case_equal (pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)),
                                                      pd_case_get_id (item)), item));
  after_undo = dump_database (fixture->path);
  g_assert_cmpuint (strlen (after_undo), ==, strlen (before));
}

/* ---- failed saves ---- */

static void
test_invalid_case_leaves_database_unchanged (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_full_case ();
  g_autoptr(PdCase) fresh = make_case ("No Passport", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (pd_store_save_case (store, item, &error));
  before = dump_database (fixture->path);

  pd_person_set_passport_number (pd_case_get_person (item), "E-1");
  pd_case_set_notes (item, "changed");
  g_assert_false (pd_store_save_case (store, item, &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER);
  g_clear_error (&error);

  g_assert_false (pd_store_save_case (store, fresh, &error));
  g_assert_error (error, PD_MODEL_ERROR, PD_MODEL_ERROR_PASSPORT_NUMBER);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 1);

  after = dump_database (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_constraint_failure_rolls_back (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) first = make_case ("First Person", "A1234567");
  g_autoptr(PdCase) second = make_full_case ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  pd_case_set_remote_id (first, "P-2025-000123");
  g_assert_true (pd_store_save_case (store, first, &error));
  before = dump_database (fixture->path);

  /* Same portal id as the first case: the unique index refuses it, after the
   * person, employer and permit rows were already written in the transaction. */
  g_assert_false (pd_store_save_case (store, second, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "The case was not saved."));
  g_assert_nonnull (strstr (error->message, "UNIQUE"));
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 1);

  after = dump_database (fixture->path);
  g_assert_cmpstr (after, ==, before);

  /* The store still works afterwards. */
  pd_case_set_remote_id (second, NULL);
  g_clear_error (&error);
  g_assert_true (pd_store_save_case (store, second, &error));
  g_assert_no_error (error);
}

/* ---- order ---- */

static void
test_list_is_sorted_by_deadline (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const struct {
    const char *name;
    int         day; /* of January 2026; 0 = no deadline */
  } cases[] = {
    { "Carl", 0 }, { "Dora", 20 }, { "Anna", 10 }, { "Ben", 10 }, { "Eve", 0 }, { "Abe", 0 },
  };
  static const char * const expected[] = { "Anna", "Ben", "Dora", "Abe", "Carl", "Eve" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(GString) log = g_string_new (NULL);
  GListModel *list = pd_store_get_cases (store);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), log);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *passport = g_strdup_printf ("X%07u", i);
      g_autoptr(PdCase) item = make_case (cases[i].name, passport);

      if (cases[i].day != 0)
        {
          g_autoptr(GDate) deadline = make_date (2026, 1, cases[i].day);

          pd_case_set_next_deadline (item, deadline);
        }
      g_assert_true (pd_store_save_case (store, item, &error));
    }
  g_assert_cmpstr (log->str, ==, "0-0+1;0-0+1;0-0+1;1-0+1;4-0+1;3-0+1;");

  for (guint pass = 0; pass < 2; pass++)
    {
      list = pd_store_get_cases (store);
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          g_autoptr(PdCase) item = g_list_model_get_item (list, i);

          g_assert_cmpstr (pd_person_get_name_latin (pd_case_get_person (item)), ==, expected[i]);
        }
      g_clear_object (&store);
      store = pd_store_open (fixture->path, &error);
      g_assert_no_error (error);
    }
}

/* ---- formats ---- */

static void
test_migration_from_format_1 (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  sqlite3 *db = NULL;
  PdCase *loaded;

  /* A format-1 file, as the first release wrote it. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_true (pd_store_schema_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO persons (id, name_zh, name_latin, nationality, passport_number, date_of_birth)"
    " VALUES ('p1', '玛丽亚·桑托斯', 'Maria Santos', 'PHL', 'P1234567A', '1990-05-04');"
    "INSERT INTO cases (id, kind, status, city, category, person_id, next_deadline, created_at, updated_at)"
    " VALUES ('c1', 'renewal', 'submitted', 'Guangzhou', 'b', 'p1', '2026-02-01',"
    " '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (pd_store_get_db (store), "PRAGMA user_version"), ==, (int) pd_store_schema_get_latest_version ());
  loaded = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), "c1");
  g_assert_nonnull (loaded);
  g_assert_cmpint (pd_case_get_kind (loaded), ==, PD_CASE_KIND_RENEWAL);
  g_assert_cmpint (pd_case_get_status (loaded), ==, PD_CASE_STATUS_SUBMITTED);
  g_assert_cmpint (pd_case_get_category (loaded), ==, PD_PERMIT_CATEGORY_B);
  g_assert_cmpstr (pd_person_get_name_zh (pd_case_get_person (loaded)), ==, "玛丽亚·桑托斯");
  g_assert_cmpint (g_date_get_year (pd_person_get_date_of_birth (pd_case_get_person (loaded))), ==, 1990);
  g_assert_cmpint (pd_case_get_version (loaded), ==, 0);
  g_assert_null (pd_case_get_remote_id (loaded));
}

/* A file in the latest format written by hand: @sql after the schema. */
static void
write_raw_rows (const char *path,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (pd_store_schema_migrate (db, pd_store_schema_get_latest_version (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static const char *
loaded_name (PdStore    *store,
             const char *case_id)
{
  PdCase *item = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), case_id);

  g_assert_nonnull (item);
  return pd_person_get_name_latin (pd_case_get_person (item));
}

/* Persons and permits read in another order than their cases, one of them
 * shared: every case still gets its own. */
static void
test_references_in_any_order (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  PdCase *item;

  write_raw_rows (fixture->path,
    "INSERT INTO persons (id, name_latin, nationality, passport_number) VALUES"
    " ('p3', 'Third Person', 'DEU', 'P3'), ('p1', 'First Person', 'FRA', 'P1'),"
    " ('p2', 'Second Person', 'ITA', 'P2');"
    "INSERT INTO permits (id, number, category, status) VALUES"
    " ('w2', 'N2', 'b', 'valid'), ('w1', 'N1', 'a', 'valid');"
    "INSERT INTO cases (id, kind, status, category, person_id, permit_id, created_at, updated_at) VALUES"
    " ('c1', 'renewal', 'draft', 'a', 'p1', 'w1', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z'),"
    " ('c2', 'renewal', 'draft', 'b', 'p2', 'w2', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z'),"
    " ('c3', 'renewal', 'draft', 'c', 'p3', NULL, '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z'),"
    " ('c4', 'renewal', 'draft', 'a', 'p1', 'w1', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z');");

  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded_name (store, "c1"), ==, "First Person");
  g_assert_cmpstr (loaded_name (store, "c2"), ==, "Second Person");
  g_assert_cmpstr (loaded_name (store, "c3"), ==, "Third Person");
  g_assert_cmpstr (loaded_name (store, "c4"), ==, "First Person");
  item = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), "c2");
  g_assert_cmpstr (pd_permit_get_number (pd_case_get_permit (item)), ==, "N2");
  item = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), "c3");
  g_assert_null (pd_case_get_permit (item));
}

/* A permit id that names no permit is damage: the file is not opened. */
static void
test_dangling_reference_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;

  write_raw_rows (fixture->path,
    "INSERT INTO persons (id, name_latin, nationality, passport_number) VALUES ('p1', 'First Person', 'FRA', 'P1');"
    "INSERT INTO permits (id, number, category, status) VALUES ('w1', 'N1', 'a', 'valid');"
    "INSERT INTO cases (id, kind, status, category, person_id, permit_id, created_at, updated_at) VALUES"
    " ('c1', 'renewal', 'draft', 'a', 'p1', 'w9', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z');");

  store = pd_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT);
}

static void
assert_open_refused (const char *path,
                     int         code)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  guint mode = file_mode (path);

  store = pd_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PD_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "untouched"));

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (file_mode (path), ==, mode);
}

static void
test_newer_format_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_case ("Future User", "F1234567");
  sqlite3 *db = NULL;

  g_assert_true (pd_store_save_case (store, item, &error));
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_refused (fixture->path, PD_STORE_ERROR_TOO_NEW);
}

static void
test_random_bytes_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fixture->path, (const char *) bytes, sizeof bytes, NULL));

  assert_open_refused (fixture->path, PD_STORE_ERROR_CORRUPT);
}

static void
test_text_file_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "name,passport\nJohn Smith,E12345678\n";

  g_assert_true (g_file_set_contents (fixture->path, text, -1, NULL));
  assert_open_refused (fixture->path, PD_STORE_ERROR_CORRUPT);
}

static void
test_truncated_database_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  struct stat st;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *passport = g_strdup_printf ("T%07u", i);
      PdCase *item = make_case ("Truncated Person With A Long Enough Name To Fill Pages", passport);

      pd_case_set_notes (item, "Some notes that make the row longer than a few bytes, to fill pages.");
      g_ptr_array_add (items, item);
    }
  g_assert_true (pd_store_save_cases (store, (PdCase **) items->pdata, items->len, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 16384);
  g_assert_cmpint (truncate (fixture->path, st.st_size / 2), ==, 0);

  assert_open_refused (fixture->path, PD_STORE_ERROR_CORRUPT);
}

static void
test_foreign_sqlite_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE songs (title TEXT, artist TEXT);"
    "INSERT INTO songs VALUES ('Blue Monday', 'New Order');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);

  assert_open_refused (fixture->path, PD_STORE_ERROR_FOREIGN);
}

static void
test_foreign_wal_sqlite_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  sqlite3 *db = NULL;

  /* Another program's WAL database, with our file name and its own application id. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA journal_mode = WAL; PRAGMA application_id = 42;"
    "CREATE TABLE cases (id TEXT);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_refused (fixture->path, PD_STORE_ERROR_FOREIGN);
}

/* ---- demo data ---- */

static void
count_case (PdCase     *item,
            GHashTable *kinds,
            GHashTable *statuses)
{
  g_hash_table_add (kinds, GINT_TO_POINTER (pd_case_get_kind (item)));
  g_hash_table_add (statuses, GINT_TO_POINTER (pd_case_get_status (item)));
}

static void
test_demo_fill (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(GHashTable) kinds = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) statuses = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDate) today = g_date_new ();
  g_autoptr(GDate) week = NULL;
  GListModel *cases;
  guint n_items, n_due_soon = 0, n_overdue = 0, n_filings = 0, n_documents = 0;
  sqlite3 *db;

  g_assert_true (pd_demo_fill_store (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = pd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  db = pd_store_get_db (store);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM employers"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM persons"), ==, 40);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT nationality) FROM persons"), >=, 25);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases WHERE is_demo = 0"), ==, 0);

  g_date_set_time_t (today, time (NULL));
  week = g_date_copy (today);
  g_date_add_days (week, 7);

  cases = pd_store_get_cases (store);
  n_items = g_list_model_get_n_items (cases);
  g_assert_cmpuint (n_items, ==, PD_DEMO_N_CASES);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);
      GDate *deadline = pd_case_get_next_deadline (item);
      PdEmployer *employer = pd_case_get_employer (item);
      PdPermit *permit = pd_case_get_permit (item);

      g_assert_true (pd_case_get_is_demo (item));
      g_assert_nonnull (strstr (pd_case_get_notes (item), "Demo data"));
      g_assert_true (pd_case_validate (item, NULL));
      g_assert_nonnull (employer);
      g_hash_table_add (cities, (gpointer) pd_employer_get_city (employer));
      if (permit != NULL && pd_permit_get_number (permit) != NULL)
        g_assert_true (pd_validate_permit_number (pd_permit_get_number (permit), NULL));
      g_assert_nonnull (pd_person_get_name_zh (pd_case_get_person (item)));
      count_case (item, kinds, statuses);
      if (deadline != NULL && g_date_compare (deadline, today) < 0)
        n_overdue++;
      else if (deadline != NULL && g_date_compare (deadline, week) <= 0)
        n_due_soon++;
      n_filings += g_list_model_get_n_items (pd_case_get_filings (item));
      n_documents += g_list_model_get_n_items (pd_case_get_documents (item));
    }

  g_assert_cmpuint (g_hash_table_size (kinds), ==, 6);
  g_assert_cmpuint (g_hash_table_size (statuses), ==, 10);
  g_assert_cmpuint (g_hash_table_size (cities), ==, 4);
  g_assert_cmpuint (n_overdue, >=, 3);
  g_assert_cmpuint (n_due_soon, >=, 3);
  g_assert_cmpuint (n_filings, >=, 3);
  g_assert_cmpuint (n_documents, >=, n_items * 2);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT state) FROM documents"), ==, 5);

  /* The first case in the list is the most urgent, an overdue one. */
  {
    g_autoptr(PdCase) first = g_list_model_get_item (cases, 0);

    g_assert_cmpint (g_date_compare (pd_case_get_next_deadline (first), today), <, 0);
  }
}

static void
test_demo_is_deterministic (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(PdStore) a = pd_store_open (fixture->path, NULL);
  g_autoptr(PdStore) b = pd_store_open (other_path, NULL);
  g_autofree char *names_a = NULL;
  g_autofree char *names_b = NULL;
  const char *sql = "SELECT group_concat(name_latin || passport_number, ',') FROM"
                    " (SELECT * FROM persons ORDER BY name_latin)";

  g_assert_true (pd_demo_fill_store (a, NULL));
  g_assert_true (pd_demo_fill_store (b, NULL));
  names_a = query_text (pd_store_get_db (a), sql);
  names_b = query_text (pd_store_get_db (b), sql);
  g_assert_cmpstr (names_a, ==, names_b);
}

static void
test_demo_refuses_non_empty_store (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (fixture->path, &error);
  g_autoptr(PdCase) item = make_case ("Real Person", "R1234567");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (pd_store_save_case (store, item, &error));
  before = dump_database (fixture->path);
  g_assert_false (pd_demo_fill_store (store, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "demo"));
  after = dump_database (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, 1);
}

/* ---- durability ---- */

/* The child: saves cases forever, printing each id once its save returned. */
static int
run_writer (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }

  for (guint i = 0;; i++)
    {
      g_autofree char *passport = g_strdup_printf ("K%d%06u", getpid () % 1000, i);
      g_autoptr(PdCase) item = make_full_case ();
      g_autofree char *line = NULL;

      /* The portal id is unique to one case. */
      pd_case_set_remote_id (item, NULL);
      pd_person_set_passport_number (pd_case_get_person (item), passport);
      if (!pd_store_save_case (store, item, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }

      line = g_strdup_printf ("%s\n", pd_case_get_id (item));
      if (write (STDOUT_FILENO, line, strlen (line)) != (gssize) strlen (line))
        return 1;
    }
}

static void
test_sigkill_keeps_every_reported_save (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241201);

  g_assert_nonnull (self_exe);
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(PdStore) store = NULL;
      g_autofree char *integrity = NULL;
      guint kill_after = g_rand_int_range (rand, 5, 40);
      guint n_read = 0;
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_exe, "--sigkill-writer", fixture->path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
        {
          g_ptr_array_add (reported, line);
          if (++n_read == kill_after)
            g_subprocess_send_signal (child, SIGKILL);
        }
      g_assert_no_error (error);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      g_assert_cmpuint (n_read, >=, kill_after);

      store = pd_store_open (fixture->path, &error);
      g_assert_no_error (error);
      integrity = query_text (pd_store_get_db (store), "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      for (guint i = 0; i < reported->len; i++)
        g_assert_nonnull (pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)),
                                               g_ptr_array_index (reported, i)));
      g_test_message ("round %u: %u saves reported, all present", round, reported->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *data_parent = NULL;
  int result;

  if (argc == 3 && g_str_equal (argv[1], "--sigkill-writer"))
    return run_writer (argv[2]);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The default database goes to a folder that does not exist yet. */
  data_parent = pd_test_make_tmpdir ("pd-store-data-XXXXXX");
  data_dir = g_build_filename (data_parent, "permitdesk", NULL);
  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/creates-private-wal-file", test_create_private_wal_file);
  ADD ("/store/open/makes-existing-file-private", test_existing_file_made_private);
  g_test_add_func ("/store/open/default-path-in-private-data-folder", test_default_path_in_private_folder);
  ADD ("/store/save/round-trips-every-field", test_round_trip_every_field);
  ADD ("/store/save/update-is-saved", test_update_is_saved);
  ADD ("/store/save/a-copy-updates-the-listed-case", test_saving_a_copy_updates_the_listed_case);
  ADD ("/store/delete/saving-again-restores", test_delete_then_save_again_restores);
  ADD ("/store/save/invalid-case-leaves-database-unchanged", test_invalid_case_leaves_database_unchanged);
  ADD ("/store/save/constraint-failure-rolls-back", test_constraint_failure_rolls_back);
  ADD ("/store/list/sorted-by-deadline-then-name", test_list_is_sorted_by_deadline);
  ADD ("/store/format/migrates-from-format-1", test_migration_from_format_1);
  ADD ("/store/load/references-in-any-order", test_references_in_any_order);
  ADD ("/store/load/dangling-reference-refused", test_dangling_reference_refused);
  ADD ("/store/format/newer-format-is-refused-untouched", test_newer_format_refused);
  ADD ("/store/format/random-bytes-are-refused-untouched", test_random_bytes_refused);
  ADD ("/store/format/text-file-is-refused-untouched", test_text_file_refused);
  ADD ("/store/format/truncated-database-is-refused-untouched", test_truncated_database_refused);
  ADD ("/store/format/foreign-sqlite-is-refused-untouched", test_foreign_sqlite_refused);
  ADD ("/store/format/foreign-wal-sqlite-is-refused-untouched", test_foreign_wal_sqlite_refused);
  ADD ("/store/demo/fills-an-empty-store", test_demo_fill);
  ADD ("/store/demo/is-deterministic", test_demo_is_deterministic);
  ADD ("/store/demo/refuses-a-non-empty-store", test_demo_refuses_non_empty_store);
  ADD ("/store/durability/sigkill-keeps-every-reported-save", test_sigkill_keeps_every_reported_save);

#undef ADD

  result = g_test_run ();
  pd_test_rm_rf (data_parent);
  return result;
}
