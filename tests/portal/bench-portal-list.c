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

static guint pending;
static guint next_index;

static void create_next (PdPortalClient *client);

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  created = pd_portal_client_create_finish (PD_PORTAL_CLIENT (source), result, &error);
  g_assert_no_error (error);
  pending--;
  create_next (PD_PORTAL_CLIENT (source));
}

static void
create_next (PdPortalClient *client)
{
  g_autofree char *position = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) fields = NULL;

  if (next_index >= N_CASES)
    return;
  position = g_strdup_printf ("Engineer %u", next_index);
  key = g_strdup_printf ("bench-%u", next_index);
  fields = pd_test_new_case_fields ("per-lucas-martin", position);
  next_index++;
  pending++;
  pd_portal_client_create_async (client, PD_PORTAL_KIND_CASE, fields, key, NULL, on_created_cb, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One GET per case, in sequence: what a client without lists would have to do. */
static double
get_each (PdPortalClient *client,
          GPtrArray      *items,
          guint           count)
{
  double start = now_ms ();

  for (guint i = 0; i < count; i++)
    {
      const char *id = json_object_get_string_member (g_ptr_array_index (items, i), "id");
      g_autoptr(JsonObject) one = NULL;
      g_autoptr(GError) error = NULL;

      one = pd_test_get_case (client, id, &error);
      g_assert_no_error (error);
    }
  return now_ms () - start;
}

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

  start = now_ms ();
  for (guint i = 0; i < IN_FLIGHT; i++)
    create_next (client);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("setup: %u cases created in %.0f ms\n", N_CASES, now_ms () - start);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&all, g_ptr_array_unref);
      start = now_ms ();
      all = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 1000, NULL, &error);
      full[run] = now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (all->len, ==, N_CASES + 6);
    }
  baseline_full = get_each (client, all, all->len);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *token = NULL;
      g_autoptr(GPtrArray) before = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 1000, &token, NULL);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;

      change_some (client, before, run);
      start = now_ms ();
      changes = pd_test_list (client, PD_PORTAL_KIND_CASE, token, 1000, NULL, &error);
      incremental[run] = now_ms () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (changes->len, ==, N_CHANGES);
      baseline_changes[run] = get_each (client, changes, changes->len);
    }

  {
    double full_ms = median (full, RUNS), inc_ms = median (incremental, RUNS);
    double base_changes_ms = median (baseline_changes, RUNS);

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
