/* bench-portal-list.c: how fast the client pulls cases from permitdesk-portal on
 * loopback — a full list of 10,000 cases and an incremental list of 100 changes, each
 * against a baseline of one GET per case measured in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-portal-test.h"
#include "pd-test-util.h"

#define N_CASES   10000
#define N_CHANGES 100
#define RUNS      5
#define IN_FLIGHT 16

static void
change_some (PdPortalClient *client,
             GPtrArray      *items,
             guint           run)
{
  for (guint i = 0; i < N_CHANGES; i++)
    {
      JsonObject *item = g_ptr_array_index (items, 6 + run * N_CHANGES + i);
      g_autoptr(JsonObject) edit = json_object_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonObject) changed = NULL;
      g_autoptr(GError) error = NULL;

      json_object_set_string_member (edit, "notes", "changed for the benchmark");
      result = PD_TEST_RUN (pd_portal_client_update_async, client, PD_PORTAL_KIND_CASE,
                            json_object_get_string_member (item, "id"),
                            json_object_get_int_member (item, "version"), edit, FALSE, NULL);
      changed = pd_portal_client_update_finish (client, result, NULL, &error);
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-bench-XXXXXX");
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(GPtrArray) all = NULL;
  double full[RUNS], incremental[RUNS], baseline_full, baseline_changes[RUNS];
  double start;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  portal = pd_test_portal_start (NULL);
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");

  start = pd_test_now_ms ();
  pd_test_create_cases (client, N_CASES, IN_FLIGHT);
  g_print ("setup: %u cases created in %.0f ms\n", N_CASES, pd_test_now_ms () - start);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&all, g_ptr_array_unref);
      start = pd_test_now_ms ();
      all = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 1000, NULL, &error);
      full[run] = pd_test_now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, N_CASES + 6);
    }
  baseline_full = pd_test_get_each (client, all);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *token = NULL;
      g_autoptr(GPtrArray) before = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 1000, &token, NULL);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;

      change_some (client, before, run);
      start = pd_test_now_ms ();
      changes = pd_test_list (client, PD_PORTAL_KIND_CASE, token, 1000, NULL, &error);
      incremental[run] = pd_test_now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (changes->len, ==, N_CHANGES);
      baseline_changes[run] = pd_test_get_each (client, changes);
    }

  {
    double full_ms = pd_test_median (full, RUNS), inc_ms = pd_test_median (incremental, RUNS);
    double base_changes_ms = pd_test_median (baseline_changes, RUNS);

    g_print ("full list of %u cases: median %.1f ms over %u runs; baseline one GET per case: %.1f ms; "
             "ratio %.1fx\n", N_CASES + 6, full_ms, RUNS, baseline_full, baseline_full / full_ms);
    g_print ("incremental list of %u changes: median %.1f ms over %u runs; baseline one GET per "
             "changed case: median %.1f ms; ratio %.1fx\n", N_CHANGES, inc_ms, RUNS, base_changes_ms,
             base_changes_ms / inc_ms);
  }

  g_clear_object (&client);
  g_clear_pointer (&portal, pd_test_portal_free);
  pd_test_rm_rf (data_dir);
  return 0;
}
