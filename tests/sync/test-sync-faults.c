/* test-sync-faults.c: nothing lost, nothing doubled — the portal killed mid-sync, the
 * app killed with a full outbox, slow answers, 500s and hostile JSON from the portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "pd-sync-test.h"
#include "pd-test-util.h"

#define CHILD_ENV "PD_SYNC_TEST_CHILD_STORE"

static void
sync_ok (PdSyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_sync_test_sync (f->engine, &error));
  g_assert_no_error (error);
}

/* How many of the portal's cases carry @notes. */
static guint
count_notes (PdSyncFixture *f,
             const char    *notes)
{
  g_autoptr(GPtrArray) cases = pd_sync_test_server_cases (f->client);
  guint n = 0;

  for (guint i = 0; i < cases->len; i++)
    n += g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (cases, i), "notes", NULL),
                    notes) == 0;
  return n;
}

static void
on_pending_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  PdSyncFixture *f = user_data;

  /* Kill it after a few confirmations, while the rest are in flight. */
  if (f->portal->process != NULL && pd_sync_engine_get_pending (PD_SYNC_ENGINE (object)) <= 14)
    pd_test_portal_kill (f->portal);
}

static void
test_portal_killed_mid_sync (PdSyncFixture *f,
                             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  gulong handler;

  sync_ok (f);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *notes = g_strdup_printf ("killed-%u", i);
      g_autofree char *passport = g_strdup_printf ("KX%07u", i);

      pd_sync_test_new_case (f->store, passport, notes);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 20);

  handler = g_signal_connect (f->engine, "notify::pending", G_CALLBACK (on_pending_cb), f);
  result = PD_TEST_RUN (pd_sync_engine_sync_async, f->engine, NULL);
  g_signal_handler_disconnect (f->engine, handler);
  g_assert_false (pd_sync_engine_sync_finish (f->engine, result, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_OFFLINE);
  g_assert_nonnull (pd_sync_engine_get_error_message (f->engine));
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), >, 0);

  pd_test_portal_restart (f->portal);
  sync_ok (f);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_IDLE);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *notes = g_strdup_printf ("killed-%u", i);

      g_assert_cmpuint (count_notes (f, notes), ==, 1);
    }
  cases = pd_sync_test_server_cases (f->client);
  g_assert_cmpuint (cases->len, ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (f->store)), ==, 16);
}

/* The child: edits offline, says so, and waits to be killed. */
static int
run_child (const char *store_path,
           const char *url,
           const char *edited_id)
{
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdPortalClient) client = pd_test_client_new (url);
  g_autoptr(PdSyncEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = pd_store_open (store_path, &error);
  g_assert_no_error (error);
  engine = pd_sync_engine_new (store, client);
  pd_sync_test_save_notes (store, pd_sync_test_find (store, edited_id), "offline edit");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *notes = g_strdup_printf ("offline-%u", i);
      g_autofree char *passport = g_strdup_printf ("OF%07u", i);

      pd_sync_test_new_case (store, passport, notes);
    }
  result = PD_TEST_RUN (pd_sync_engine_sync_async, engine, NULL);
  g_assert_false (pd_sync_engine_sync_finish (engine, result, NULL));
  g_print ("edited\n");
  for (;;)
    g_usleep (G_USEC_PER_SEC);
  return 0;
}

static void
test_app_killed_with_outbox (PdSyncFixture *f,
                             gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) edited = NULL;
  g_autofree char *id = pd_sync_test_server_case (f->client, "kill-1");

  sync_ok (f);
  pd_sync_fixture_close_store (f);
  url = g_strdup (f->portal->url);
  pd_test_portal_kill (f->portal);

  g_subprocess_launcher_setenv (launcher, CHILD_ENV, f->store_path, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, url, id, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_cmpstr (line, ==, "edited");
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);

  pd_test_portal_restart (f->portal);
  pd_sync_fixture_open_store (f);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 7);
  sync_ok (f);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  sync_ok (f);

  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (f->engine)), ==, 0);
  edited = pd_test_get_case (f->client, id, &error);
  g_assert_cmpstr (json_object_get_string_member (edited, "notes"), ==, "offline edit");
  g_assert_cmpint (json_object_get_int_member (edited, "version"), ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *notes = g_strdup_printf ("offline-%u", i);

      g_assert_cmpuint (count_notes (f, notes), ==, 1);
    }
}

static void
test_faults_keep_the_outbox (PdSyncFixture *f,
                             gconstpointer  data)
{
  const char *faults = data;
  const char *extra[] = { "--faults", faults, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_after = NULL;
  g_autoptr(JsonObject) after = NULL;

  sync_ok (f);
  pd_sync_test_new_case (f->store, "FT1234567", "during faults");
  token = pd_store_get_meta (f->store, "sync.token.cases");

  g_strfreev (f->portal->extra_args);
  f->portal->extra_args = g_strdupv ((char **) extra);
  pd_test_portal_restart (f->portal);
  pd_portal_client_set_timeout (f->client, 1);

  result = PD_TEST_RUN (pd_sync_engine_sync_async, f->engine, NULL);
  g_assert_false (pd_sync_engine_sync_finish (f->engine, result, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==,
                   g_str_has_prefix (faults, "delay") ? PD_SYNC_STATE_OFFLINE : PD_SYNC_STATE_ERROR);
  g_assert_nonnull (pd_sync_engine_get_error_message (f->engine));
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), >=, 1);
  token_after = pd_store_get_meta (f->store, "sync.token.cases");
  g_assert_cmpstr (token_after, ==, token);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (f->store)), ==, 7);

  /* Once the portal is well, the change arrives once. */
  g_strfreev (f->portal->extra_args);
  f->portal->extra_args = NULL;
  pd_test_portal_restart (f->portal);
  pd_portal_client_set_timeout (f->client, 30);
  sync_ok (f);
  g_assert_cmpuint (count_notes (f, "during faults"), ==, 1);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_IDLE);
  g_assert_null (pd_sync_engine_get_error_message (f->engine));
}

/* Pulled answers that are garbage, cut, oversized or of the wrong types change nothing. */
static void
test_hostile_json_changes_nothing (PdSyncFixture *f,
                                   gconstpointer  data)
{
  const char *faults = data;
  const char *extra[] = { "--faults", faults, NULL };
  g_autoptr(PdPortalClient) other = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_after = NULL;
  g_autofree char *id = pd_sync_test_server_case (f->client, "hostile-1");
  PdCase *listed;
  gint64 version;

  sync_ok (f);
  listed = pd_sync_test_find (f->store, id);
  version = pd_case_get_version (listed);
  changed = pd_sync_test_patch (other, id, "notes", "changed before the faults");
  token = pd_store_get_meta (f->store, "sync.token.cases");

  g_strfreev (f->portal->extra_args);
  f->portal->extra_args = g_strdupv ((char **) extra);
  pd_test_portal_restart (f->portal);

  result = PD_TEST_RUN (pd_sync_engine_sync_async, f->engine, NULL);
  g_assert_false (pd_sync_engine_sync_finish (f->engine, result, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_ERROR);
  g_assert_cmpint (pd_case_get_version (listed), ==, version);
  g_assert_cmpstr (pd_case_get_notes (listed), ==, NULL);
  token_after = pd_store_get_meta (f->store, "sync.token.cases");
  g_assert_cmpstr (token_after, ==, token);
  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (f->store)), ==, 7);
}

/* After a failure the engine tries again by itself, later each time. */
static void
test_retries_with_backoff (PdSyncFixture *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start;

  sync_ok (f);
  pd_sync_test_new_case (f->store, "BK1234567", "after backoff");
  pd_test_portal_kill (f->portal);
  pd_sync_engine_set_backoff (f->engine, 200, 400);
  result = PD_TEST_RUN (pd_sync_engine_sync_async, f->engine, NULL);
  g_assert_false (pd_sync_engine_sync_finish (f->engine, result, NULL));
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_OFFLINE);

  pd_test_portal_restart (f->portal);
  start = g_get_monotonic_time ();
  while (pd_sync_engine_get_state (f->engine) != PD_SYNC_STATE_IDLE)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
    }
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_cmpuint (count_notes (f, "after backoff"), ==, 1);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
add_document (PdCase     *item,
              const char *title)
{
  g_autoptr(PdDocument) document = pd_document_new ();

  pd_document_set_kind (document, "passport");
  pd_document_set_title (document, title);
  pd_case_add_document (item, document);
}

/* Whoever reads the case's lists warns that it cannot; that is expected here. */
static gboolean
on_log_cb (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  return !g_str_has_prefix (message, "Cannot read the documents of a case");
}

/* A document row this version cannot read makes the case's lists unreadable: a
 * copy of it, saved by the editor or by a pull, must not delete what it holds. */
static void
test_unreadable_lists_are_not_deleted (PdSyncFixture *f,
                                       gconstpointer  data)
{
  g_autoptr(PdCase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *count = NULL;
  PdCase *item = pd_sync_test_new_case (f->store, "CZ7788990", "before");
  PdCase *listed;

  item = pd_case_copy (item);
  add_document (item, "Passport scan");
  add_document (item, "Photo");
  g_assert_true (pd_store_save_case (f->store, item, &error));
  g_assert_no_error (error);
  id = g_strdup (pd_case_get_id (item));
  g_object_unref (item);
  sync_ok (f);

  pd_sync_fixture_close_store (f);
  corrupt = g_strdup_printf ("UPDATE documents SET state = 'from-the-future' "
                             "WHERE case_id = '%s' AND title = 'Photo'", id);
  exec_sql (f->store_path, corrupt);
  g_test_log_set_fatal_handler (on_log_cb, NULL);
  pd_sync_fixture_open_store (f);
  listed = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (f->store)), id);
  g_assert_nonnull (listed);

  /* The editor's path: copy, edit, save. */
  copy = pd_case_copy (listed);
  pd_case_set_notes (copy, "edited");
  g_assert_false (pd_store_save_case (f->store, copy, &error));
  g_assert_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The pull's path: someone else's edit on the portal. */
  json_object_unref (pd_sync_test_patch (f->client, pd_case_get_remote_id (listed), "notes", "portal"));
  g_assert_false (pd_sync_test_sync (f->engine, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  count = g_strdup_printf ("SELECT count(*) FROM documents WHERE case_id = '%s'", id);
  g_assert_cmpuint (count_rows (f->store_path, count), ==, 2);
}

/* Not signed in is not retried: the message says what to do instead. */
static void
test_signed_out_says_sign_in (PdSyncFixture *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pd_sync_fixture_close_store (f);
  g_clear_object (&f->client);
  f->client = pd_test_client_new (f->portal->url);
  pd_sync_fixture_open_store (f);
  pd_sync_test_new_case (f->store, "CZ5566778", "signed out");

  g_assert_false (pd_sync_test_sync (f->engine, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_SIGNED_IN);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (pd_sync_engine_get_error_message (f->engine),
                            "sign in again in Preferences"));
  g_assert_null (strstr (pd_sync_engine_get_error_message (f->engine), "sent later"));
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv (CHILD_ENV) != NULL)
    return run_child (g_getenv (CHILD_ENV), argv[1], argv[2]);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, PdSyncFixture, data, pd_sync_fixture_set_up, func, pd_sync_fixture_tear_down)
  ADD ("/sync/portal-killed-mid-sync-loses-and-doubles-nothing", NULL, test_portal_killed_mid_sync);
  ADD ("/sync/app-killed-with-outbox-sends-everything-once", NULL, test_app_killed_with_outbox);
  ADD ("/sync/slow-portal-leaves-outbox-offline", "delay:3000:/api/v1/cases", test_faults_keep_the_outbox);
  ADD ("/sync/status-500-leaves-outbox-error", "status500:/api/v1/", test_faults_keep_the_outbox);
  ADD ("/sync/garbage-json-changes-nothing", "garbage:/api/v1/cases", test_hostile_json_changes_nothing);
  ADD ("/sync/truncated-json-changes-nothing", "truncate:/api/v1/cases", test_hostile_json_changes_nothing);
  ADD ("/sync/wrongly-typed-json-changes-nothing", "wrongtype:/api/v1/cases", test_hostile_json_changes_nothing);
  ADD ("/sync/oversized-json-changes-nothing", "oversized:/api/v1/cases", test_hostile_json_changes_nothing);
  ADD ("/sync/retries-after-backoff", NULL, test_retries_with_backoff);
  ADD ("/sync/unreadable-documents-are-never-deleted", NULL, test_unreadable_lists_are_not_deleted);
  ADD ("/sync/signed-out-says-sign-in", NULL, test_signed_out_says_sign_in);
#undef ADD

  return g_test_run ();
}
