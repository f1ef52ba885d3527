/* test-portal-load.c: many clients at once against one permitdesk-portal on loopback;
 * the portal stays correct (bounded: 16 clients, 4 connections each)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-portal-test.h"
#include "pd-test-util.h"

#define N_CLIENTS        16
#define CREATES_EACH     10

typedef struct {
  PdPortalClient *client;
  guint           index;
  guint           pending;
  guint           created;
  guint           conflicts;
  guint           updated;
  GPtrArray      *ids;
} Worker;

static guint running;

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Worker *w = user_data;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  created = pd_portal_client_create_finish (PD_PORTAL_CLIENT (source), result, &error);
  g_assert_no_error (error);
  g_ptr_array_add (w->ids, g_strdup (json_object_get_string_member (created, "id")));
  w->pending--;
  running--;
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Worker *w = user_data;
  g_autoptr(JsonObject) updated = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GError) error = NULL;

  updated = pd_portal_client_update_finish (PD_PORTAL_CLIENT (source), result, &current, &error);
  if (updated != NULL)
    w->updated++;
  else
    {
      g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT);
      g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
      w->conflicts++;
    }
  running--;
}

/* Every create is sent twice with the same key, as a retrying outbox would. */
static void
start_worker (Worker *w)
{
  for (guint i = 0; i < CREATES_EACH; i++)
    for (guint copy = 0; copy < 2; copy++)
      {
        g_autofree char *key = g_strdup_printf ("load-%u-%u", w->index, i);
        g_autofree char *position = g_strdup_printf ("Engineer %u.%u", w->index, i);
        g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-lucas-martin", position);

        pd_portal_client_create_async (w->client, PD_PORTAL_KIND_CASE, fields, key, NULL, on_created_cb, w);
        w->pending++;
        running++;
      }
  {
    g_autoptr(JsonObject) edit = json_object_new ();
    g_autofree char *text = g_strdup_printf ("edited by client %u", w->index);

    json_object_set_string_member (edit, "notes", text);
    pd_portal_client_update_async (w->client, PD_PORTAL_KIND_CASE, "case-0006", 1, edit, FALSE,
                                   NULL, on_updated_cb, w);
    running++;
  }
}

static void
test_many_clients_stay_correct (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(GHashTable) unique = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PdPortalClient) checker = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  Worker workers[N_CLIENTS] = { 0 };
  guint updated = 0, conflicts = 0;
  gint64 start;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      workers[i].index = i;
      workers[i].ids = g_ptr_array_new_with_free_func (g_free);
      workers[i].client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
    }
  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLIENTS; i++)
    start_worker (&workers[i]);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%u requests from %u clients in %.0f ms", N_CLIENTS * (2 * CREATES_EACH + 1),
                  N_CLIENTS, (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      /* Both copies of a create name the same record. */
      g_assert_cmpuint (workers[i].ids->len, ==, 2 * CREATES_EACH);
      for (guint j = 0; j < workers[i].ids->len; j++)
        g_hash_table_add (unique, g_ptr_array_index (workers[i].ids, j));
      updated += workers[i].updated;
      conflicts += workers[i].conflicts;
    }
  g_assert_cmpuint (g_hash_table_size (unique), ==, N_CLIENTS * CREATES_EACH);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_cmpuint (conflicts, ==, N_CLIENTS - 1);

  checker = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  all = pd_test_list (checker, PD_PORTAL_KIND_CASE, NULL, 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6 + N_CLIENTS * CREATES_EACH);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_clear_object (&workers[i].client);
      g_clear_pointer (&workers[i].ids, g_ptr_array_unref);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-load-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/many-clients-stay-correct", test_many_clients_stay_correct);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
