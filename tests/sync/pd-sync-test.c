/* pd-sync-test.c: helpers shared by the sync tests and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-sync-test.h"
#include "pd-test-util.h"

/* A new store object on the fixture's file, with an engine on the fixture's client. */
void
pd_sync_fixture_open_store (PdSyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = pd_store_open (f->store_path, &error);
  g_assert_no_error (error);
  f->engine = pd_sync_engine_new (f->store, f->client);
}

void
pd_sync_fixture_close_store (PdSyncFixture *f)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
}

gboolean
pd_sync_test_sync (PdSyncEngine  *engine,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_sync_engine_sync_async, engine, NULL);

  return pd_sync_engine_sync_finish (engine, result, error);
}

PdCase *
pd_sync_test_find (PdStore    *store,
                   const char *remote_id)
{
  GListModel *cases = pd_store_get_cases (store);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      if (g_strcmp0 (pd_case_get_remote_id (item), remote_id) == 0)
        return item;
    }
  return NULL;
}

/* Edits a copy and saves it, as the case editor does. */
void
pd_sync_test_save_notes (PdStore    *store,
                         PdCase     *item,
                         const char *notes)
{
  g_autoptr(PdCase) copy = pd_case_copy (item);
  g_autoptr(GError) error = NULL;

  pd_case_set_notes (copy, notes);
  g_assert_true (pd_store_save_case (store, copy, &error));
  g_assert_no_error (error);
}

/* A new-permit case for a new person, saved locally. */
PdCase *
pd_sync_test_new_case (PdStore    *store,
                       const char *passport,
                       const char *notes)
{
  g_autoptr(PdCase) item = pd_case_new (PD_CASE_KIND_NEW_PERMIT);
  PdPerson *person = pd_case_get_person (item);
  g_autoptr(GDate) birth = g_date_new_dmy (3, 5, 1990);
  g_autoptr(GError) error = NULL;

  pd_person_set_name_latin (person, "Eva Maria Novak");
  pd_person_set_name_zh (person, "诺瓦克");
  pd_person_set_nationality (person, "CZE");
  pd_person_set_passport_number (person, passport);
  pd_person_set_date_of_birth (person, birth);
  pd_case_set_city (item, "Shanghai");
  pd_case_set_category (item, PD_PERMIT_CATEGORY_B);
  pd_case_set_notes (item, notes);
  g_assert_true (pd_store_save_case (store, item, &error));
  g_assert_no_error (error);
  return pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), pd_case_get_id (item));
}

/* Someone else's edit on the portal. */
JsonObject *
pd_sync_test_patch (PdPortalClient *client,
                    const char     *id,
                    const char     *member,
                    const char     *value)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) edit = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *changed;

  current = pd_test_get_case (client, id, &error);
  g_assert_no_error (error);
  json_object_set_string_member (edit, member, value);
  result = PD_TEST_RUN (pd_portal_client_update_async, client, PD_PORTAL_KIND_CASE, id,
                        json_object_get_int_member (current, "version"), edit, FALSE, NULL);
  changed = pd_portal_client_update_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  return changed;
}

GPtrArray *
pd_sync_test_server_cases (PdPortalClient *client)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cases = pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 1000, NULL, &error);

  g_assert_no_error (error);
  return cases;
}

/* A draft new-permit case made on the portal (the demo's editable cases lack the
 * permit number PermitDesk requires before saving their kind). Returns its id. */
char *
pd_sync_test_server_case (PdPortalClient *client,
                          const char     *key)
{
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-lucas-martin", "Tester");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  result = PD_TEST_RUN (pd_portal_client_create_async, client, PD_PORTAL_KIND_CASE, fields, key, NULL);
  created = pd_portal_client_create_finish (client, result, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (created, "id"));
}

/* A fresh data folder and store, a freshly seeded portal, signed in as the demo HR
 * clerk: the fixture of every sync test. */
void
pd_sync_fixture_set_up (PdSyncFixture *f,
                        gconstpointer  data)
{
  f->data_dir = pd_test_make_tmpdir ("pd-sync-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);
  f->store_path = g_build_filename (f->data_dir, "permitdesk.db", NULL);
  f->portal = pd_test_portal_start (NULL);
  f->client = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  pd_sync_fixture_open_store (f);
}

void
pd_sync_fixture_tear_down (PdSyncFixture *f,
                           gconstpointer  data)
{
  pd_sync_fixture_close_store (f);
  g_clear_object (&f->client);
  g_clear_pointer (&f->portal, pd_test_portal_free);
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
  g_free (f->store_path);
}
