/* bench-sync.c: a full sync of 10,000 cases from permitdesk-portal on loopback into an
 * empty store, and an incremental sync of 100 changes, each against a baseline of one
 * GET per case measured in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-sync-test.h"
#include "pd-test-util.h"

#define N_CASES    10000
#define N_CHANGES  100
#define FULL_RUNS  3
#define INC_RUNS   5
#define IN_FLIGHT  16

static double
timed_sync (PdSyncEngine *engine)
{
  g_autoptr(GError) error = NULL;
  double start = pd_test_now_ms ();

  g_assert_true (pd_sync_test_sync (engine, &error));
  g_assert_no_error (error);
  return pd_test_now_ms () - start;
}

static GPtrArray *
change_some (PdPortalClient *client,
             GPtrArray      *all,
             guint           run)
{
  GPtrArray *changed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < N_CHANGES; i++)
    {
      JsonObject *item = g_ptr_array_index (all, 6 + run * N_CHANGES + i);
      g_autofree char *notes = g_strdup_printf ("changed in run %u", run);

      g_ptr_array_add (changed, pd_sync_test_patch (client, json_object_get_string_member (item, "id"),
                                                    "notes", notes));
    }
  return changed;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-sync-bench-XXXXXX");
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(GPtrArray) all = NULL;
  double full[FULL_RUNS], incremental[INC_RUNS], baseline_changes[INC_RUNS], baseline_full;
  double start;
  PdSyncFixture f = { 0 };

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  portal = pd_test_portal_start (NULL);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  f.client = client;

  start = pd_test_now_ms ();
  pd_test_create_cases (client, N_CASES, IN_FLIGHT);
  g_print ("setup: %u cases created in %.0f ms\n", N_CASES, pd_test_now_ms () - start);

  for (guint run = 0; run < FULL_RUNS; run++)
    {
      f.store_path = g_strdup_printf ("%s/full-%u.db", data_dir, run);
      pd_sync_fixture_open_store (&f);
      full[run] = timed_sync (f.engine);
      g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (f.store)), ==, N_CASES + 6);
      if (run + 1 < FULL_RUNS)
        pd_sync_fixture_close_store (&f);
      if (run + 1 < FULL_RUNS)
        g_clear_pointer (&f.store_path, g_free);
    }
  all = pd_sync_test_server_cases (client);
  baseline_full = pd_test_get_each (client, all);

  /* Incremental: the last full store stays, the portal changes 100 cases each run. */
  for (guint run = 0; run < INC_RUNS; run++)
    {
      g_autoptr(GPtrArray) changed = change_some (client, all, run);
      g_autoptr(JsonObject) check = NULL;

      incremental[run] = timed_sync (f.engine);
      g_assert_cmpstr (pd_case_get_notes (pd_sync_test_find (f.store, json_object_get_string_member (
                         g_ptr_array_index (changed, 0), "id"))), ==,
                       json_object_get_string_member (g_ptr_array_index (changed, 0), "notes"));
      baseline_changes[run] = pd_test_get_each (client, changed);
    }

  {
    double full_ms = pd_test_median (full, FULL_RUNS), inc_ms = pd_test_median (incremental, INC_RUNS);
    double base_changes_ms = pd_test_median (baseline_changes, INC_RUNS);

    g_print ("full sync of %u cases into an empty store: median %.1f ms over %u runs (target < 5000 ms); "
             "baseline one GET per case: %.1f ms; ratio %.1fx\n",
             N_CASES + 6, full_ms, FULL_RUNS, baseline_full, baseline_full / full_ms);
    g_print ("incremental sync of %u changes: median %.1f ms over %u runs (target < 200 ms); baseline one "
             "GET per changed case: median %.1f ms; ratio %.1fx\n",
             N_CHANGES, inc_ms, INC_RUNS, base_changes_ms, base_changes_ms / inc_ms);
  }

  pd_sync_fixture_close_store (&f);
  g_free (f.store_path);
  g_clear_object (&client);
  g_clear_pointer (&portal, pd_test_portal_free);
  pd_test_rm_rf (data_dir);
  return 0;
}
