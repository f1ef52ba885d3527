/* test-audit-log.c: the hash-chained audit log on a real SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>

#include "pd-audit-log.h"
#include "pd-store.h"
#include "pd-store-private.h"
#include "pd-test-util.h"

typedef struct
{
  char       *dir;
  PdStore    *store;
  sqlite3    *db;
  PdAuditLog *log;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = pd_test_make_tmpdir ("pd-audit-XXXXXX");
  path = g_build_filename (f->dir, "permitdesk.db", NULL);
  f->store = pd_store_open (path, &error);
  g_assert_no_error (error);
  f->db = pd_store_get_db (f->store);
  f->log = pd_audit_log_new (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->log);
  g_clear_object (&f->store);
  pd_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
append_rows (Fixture *f,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);
      gint64 id = pd_audit_log_append (f->log, "officer-7", PD_CODE_SOURCE_CAMERA, hash,
                                       i % 3, "The work permit is valid", &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
}

/* What an attacker with the file does: drop the guard, then edit. */
static void
tamper (Fixture    *f,
        const char *sql)
{
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_exec (f->db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (f->db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
}

static void
assert_tampered (Fixture    *f,
                 const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_audit_log_check (f->log, &error));
  g_assert_error (error, PD_AUDIT_ERROR, PD_AUDIT_ERROR_TAMPERED);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_appended_log_checks_ok (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_audit_log_check (f->log, &error));
  append_rows (f, 5);
  g_assert_true (pd_audit_log_check (f->log, &error));
  g_assert_no_error (error);
}

static void
test_sqlite_refuses_update_and_delete (Fixture       *f,
                                       gconstpointer  data)
{
  append_rows (f, 2);
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM audit_log WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE audit_log SET verdict = 'valid'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_true (pd_audit_log_check (f->log, NULL));
}

static void
test_deleted_row_is_detected (Fixture       *f,
                              gconstpointer  data)
{
  append_rows (f, 5);
  tamper (f, "DELETE FROM audit_log WHERE id = 3");
  assert_tampered (f, "Audit log tampered with: rows 3 to 3 were deleted");
}

static void
test_deleted_first_row_is_detected (Fixture       *f,
                                    gconstpointer  data)
{
  append_rows (f, 3);
  tamper (f, "DELETE FROM audit_log WHERE id = 1");
  assert_tampered (f, "Audit log tampered with: rows 1 to 1 were deleted");
}

static void
test_deleted_last_rows_are_detected (Fixture       *f,
                                     gconstpointer  data)
{
  append_rows (f, 4);
  tamper (f, "DELETE FROM audit_log WHERE id >= 3");
  assert_tampered (f, "Audit log tampered with: rows 3 to 4 were deleted");
}

static void
test_altered_row_is_detected (Fixture       *f,
                              gconstpointer  data)
{
  append_rows (f, 5);
  tamper (f, "UPDATE audit_log SET verdict = 'valid', reason = 'ok' WHERE id = 2");
  assert_tampered (f, "Audit log tampered with: row 2 was altered");
}

/* Renumbering after a delete re-links ids but not hashes. */
static void
test_renumbered_rows_are_detected (Fixture       *f,
                                   gconstpointer  data)
{
  append_rows (f, 4);
  tamper (f, "DELETE FROM audit_log WHERE id = 2; UPDATE audit_log SET id = id - 1 WHERE id > 2;"
             "UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log'");
  assert_tampered (f, "Audit log tampered with: row 2 was altered");
}

static void
test_shift_counter_counts_since_a_time (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (before, 1);
  g_autoptr(GDateTime) start_local = g_date_time_to_local (before);

  append_rows (f, 7);
  g_assert_cmpint (pd_audit_log_count_since (f->log, before, NULL), ==, 7);
  g_assert_cmpint (pd_audit_log_count_since (f->log, start_local, NULL), ==, 7);
  g_assert_cmpint (pd_audit_log_count_since (f->log, later, NULL), ==, 0);
}

static void
test_csv_export_is_private_and_holds_no_payload (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "audit.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;

  append_rows (f, 2);
  pd_audit_log_append (f->log, "=HYPERLINK(\"x\")", PD_CODE_SOURCE_TYPED, "ab", PD_VERDICT_RESULT_INVALID,
                       "Not a work permit code: “a,b”", &error);
  g_assert_no_error (error);
  /* A leading TAB or CR also starts a formula in some spreadsheets. */
  pd_audit_log_append (f->log, "\t=1+2", PD_CODE_SOURCE_TYPED, "cd", PD_VERDICT_RESULT_INVALID,
                       "\r=cmd|' /C calc'!A0", &error);
  g_assert_no_error (error);
  g_assert_true (pd_audit_log_export_csv (f->log, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, &error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,time,operator,source,code_sha256,verdict,reason,payload");
  g_assert_true (g_str_has_prefix (lines[1], "1,\""));
  g_assert_nonnull (strstr (lines[1], "\"officer-7\",\"camera\""));
  g_assert_nonnull (strstr (lines[1], "\"valid\",\"The work permit is valid\","));
  g_assert_nonnull (strstr (lines[3], "\"'=HYPERLINK(\"\"x\"\")\",\"typed\""));
  g_assert_nonnull (strstr (lines[3], "\"Not a work permit code: “a,b”\","));
  g_assert_nonnull (strstr (contents, "\"'\t=1+2\",\"typed\""));
  g_assert_nonnull (strstr (contents, "\"'\r=cmd|' /C calc'!A0\""));
}

static void
test_payload_is_stored_only_on_opt_in (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(PdCode) code = pd_code_new_for_text ("110000202500012345", PD_CODE_SOURCE_SCANNER);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PdVerdict) verdict = pd_verdict_new (code, now);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  pd_verdict_update_result (verdict);
  pd_audit_log_append_verdict (f->log, "officer-7", verdict, &error);
  g_assert_no_error (error);
  pd_audit_log_set_store_payload (f->log, TRUE);
  pd_audit_log_append_verdict (f->log, "officer-7", verdict, &error);
  g_assert_no_error (error);
  g_assert_true (pd_audit_log_check (f->log, &error));

  sqlite3_prepare_v2 (f->db, "SELECT payload, code_hash, source FROM audit_log ORDER BY id", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (sqlite3_column_text (stmt, 0));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, pd_verdict_get_code_hash (verdict));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "scanner");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "110000202500012345");
  sqlite3_finalize (stmt);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/verify/audit/appended-log-checks-ok", test_appended_log_checks_ok);
  ADD ("/verify/audit/sqlite-refuses-update-and-delete", test_sqlite_refuses_update_and_delete);
  ADD ("/verify/audit/deleted-row-is-detected", test_deleted_row_is_detected);
  ADD ("/verify/audit/deleted-first-row-is-detected", test_deleted_first_row_is_detected);
  ADD ("/verify/audit/deleted-last-rows-are-detected", test_deleted_last_rows_are_detected);
  ADD ("/verify/audit/altered-row-is-detected", test_altered_row_is_detected);
  ADD ("/verify/audit/renumbered-rows-are-detected", test_renumbered_rows_are_detected);
  ADD ("/verify/audit/shift-counter-counts-since-a-time", test_shift_counter_counts_since_a_time);
  ADD ("/verify/audit/csv-export-is-private-and-holds-no-payload", test_csv_export_is_private_and_holds_no_payload);
  ADD ("/verify/audit/payload-is-stored-only-on-opt-in", test_payload_is_stored_only_on_opt_in);
#undef ADD

  return g_test_run ();
}
