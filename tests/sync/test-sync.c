/* test-sync.c: the sync engine against a real permitdesk-portal on loopback — full and
 * incremental pulls, pushes that arrive once, and the 412 conflict with both answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pd-sync-test.h"
#include "pd-test-util.h"

static void
sync_ok (PdSyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_sync_test_sync (f->engine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_sync_engine_get_state (f->engine), ==, PD_SYNC_STATE_IDLE);
}

static char *
date_text (GDate *date)
{
  if (date == NULL)
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
nick (GType type,
      int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static const char *
member (JsonObject *object,
        const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static JsonObject *
find_wire (GPtrArray  *items,
           const char *id)
{
  for (guint i = 0; i < items->len; i++)
    {
      if (g_str_equal (member (g_ptr_array_index (items, i), "id"), id))
        return g_ptr_array_index (items, i);
    }
  g_assert_not_reached ();
}

static void
assert_person (PdPerson   *person,
               JsonObject *wire)
{
  g_autofree char *latin = NULL;
  g_autofree char *birth = date_text (pd_person_get_date_of_birth (person));

  latin = member (wire, "given_names") != NULL
          ? g_strconcat (member (wire, "given_names"), " ", member (wire, "family_name"), NULL)
          : g_strdup (member (wire, "family_name"));
  g_assert_cmpstr (pd_person_get_name_latin (person), ==, latin);
  g_assert_cmpstr (pd_person_get_name_zh (person), ==, member (wire, "name_zh"));
  g_assert_cmpstr (pd_person_get_nationality (person), ==, member (wire, "nationality"));
  g_assert_cmpstr (pd_person_get_passport_number (person), ==, member (wire, "passport_number"));
  g_assert_cmpstr (birth, ==, member (wire, "birth_date"));
  g_assert_cmpstr (pd_person_get_email (person), ==, member (wire, "email"));
}

/* Every field of every case the portal lets HR read, with its person, employer and permit. */
static void
assert_store_matches_portal (PdSyncFixture *f,
                             PdStore       *store)
{
  g_autoptr(GPtrArray) cases = pd_sync_test_server_cases (f->client);
  g_autoptr(GPtrArray) persons = pd_test_list (f->client, PD_PORTAL_KIND_PERSON, NULL, 0, NULL, NULL);
  g_autoptr(GPtrArray) employers = pd_test_list (f->client, PD_PORTAL_KIND_EMPLOYER, NULL, 0, NULL, NULL);

  g_assert_cmpuint (g_list_model_get_n_items (pd_store_get_cases (store)), ==, cases->len);
  for (guint i = 0; i < cases->len; i++)
    {
      JsonObject *wire = g_ptr_array_index (cases, i);
      PdCase *item = pd_sync_test_find (store, member (wire, "id"));
      JsonObject *employer = find_wire (employers, member (wire, "employer_id"));
      g_autofree char *due = NULL;

      g_assert_nonnull (item);
      due = date_text (pd_case_get_next_deadline (item));
      g_assert_cmpstr (nick (PD_TYPE_CASE_KIND, pd_case_get_kind (item)), ==, member (wire, "kind"));
      g_assert_cmpstr (nick (PD_TYPE_CASE_STATUS, pd_case_get_status (item)), ==, member (wire, "status"));
      g_assert_cmpstr (nick (PD_TYPE_PERMIT_CATEGORY, pd_case_get_category (item)), ==, member (wire, "category"));
      g_assert_cmpstr (pd_case_get_city (item), ==, member (wire, "city"));
      g_assert_cmpstr (pd_case_get_notes (item), ==, member (wire, "notes"));
      g_assert_cmpstr (due, ==, member (wire, "due_date"));
      g_assert_cmpint (pd_case_get_version (item), ==, json_object_get_int_member (wire, "version"));
      g_assert_cmpint (pd_case_get_submitted_on (item) != NULL, ==, member (wire, "submitted_at") != NULL);
      assert_person (pd_case_get_person (item), find_wire (persons, member (wire, "person_id")));
      g_assert_cmpstr (pd_employer_get_id (pd_case_get_employer (item)), ==, member (wire, "employer_id"));
      g_assert_cmpstr (pd_employer_get_name (pd_case_get_employer (item)), ==, member (employer, "name_zh"));
      g_assert_cmpstr (pd_employer_get_name_en (pd_case_get_employer (item)), ==, member (employer, "name"));
      g_assert_cmpstr (pd_employer_get_uscc (pd_case_get_employer (item)), ==, member (employer, "credit_code"));
      if (member (wire, "permit_number") == NULL)
        g_assert_null (pd_case_get_permit (item));
      else
        g_assert_cmpstr (pd_permit_get_number (pd_case_get_permit (item)), ==, member (wire, "permit_number"));
    }
}

static void
test_full_sync (PdSyncFixture *f,
                gconstpointer  data)
{
  g_autoptr(PdStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PdCase *item;
  PdPermit *permit;
  g_autofree char *until = NULL;

  g_assert_null (pd_sync_engine_get_last_synced (f->engine));
  sync_ok (f);
  g_assert_nonnull (pd_sync_engine_get_last_synced (f->engine));
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  assert_store_matches_portal (f, f->store);

  /* The permit arrived with what the portal knows of it. */
  item = pd_sync_test_find (f->store, "case-0004");
  permit = pd_case_get_permit (item);
  until = date_text (pd_permit_get_valid_until (permit));
  g_assert_cmpint (pd_permit_get_status (permit), ==, PD_PERMIT_STATUS_SUPERSEDED);
  g_assert_cmpstr (until, ==, "2025-12-09");
  g_assert_cmpint (pd_permit_get_category (permit), ==, PD_PERMIT_CATEGORY_B);

  /* And all of it is on disk. */
  reopened = pd_store_open (f->store_path, &error);
  g_assert_no_error (error);
  assert_store_matches_portal (f, reopened);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  g_hash_table_add (user_data, g_strdup (pd_case_get_remote_id (PD_CASE (object))));
}

static void
test_incremental_sync (PdSyncFixture *f,
                       gconstpointer  data)
{
  g_autoptr(PdPortalClient) other = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(GHashTable) notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-chen-meiling", "Designer");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cases = pd_store_get_cases (f->store);
  PdCase *listed_5;

  sync_ok (f);
  listed_5 = pd_sync_test_find (f->store, "case-0005");
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      g_signal_connect (item, "notify", G_CALLBACK (on_notify_cb), notified);
    }

  a = pd_sync_test_patch (other, "case-0005", "notes", "changed on the portal");
  b = pd_sync_test_patch (other, "case-0006", "city", "Suzhou");
  result = PD_TEST_RUN (pd_portal_client_create_async, other, PD_PORTAL_KIND_CASE, fields, "inc-1", NULL);
  created = pd_portal_client_create_finish (other, result, &error);
  g_assert_no_error (error);

  sync_ok (f);
  /* Changed in place: the same objects, and only those two. */
  g_assert_true (pd_sync_test_find (f->store, "case-0005") == listed_5);
  g_assert_cmpstr (pd_case_get_notes (listed_5), ==, "changed on the portal");
  g_assert_cmpstr (pd_case_get_city (pd_sync_test_find (f->store, "case-0006")), ==, "Suzhou");
  g_assert_cmpuint (g_hash_table_size (notified), ==, 2);
  g_assert_true (g_hash_table_contains (notified, "case-0005"));
  g_assert_true (g_hash_table_contains (notified, "case-0006"));
  g_assert_nonnull (pd_sync_test_find (f->store, member (created, "id")));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 7);

  /* Nothing changed since: nothing is touched. */
  g_hash_table_remove_all (notified);
  sync_ok (f);
  g_assert_cmpuint (g_hash_table_size (notified), ==, 0);
  assert_store_matches_portal (f, f->store);
}

static void
test_local_edit_pushed_once (PdSyncFixture *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pd_sync_test_server_case (f->client, "edit-1");
  PdCase *created;
  guint n_novak = 0;

  sync_ok (f);
  before = pd_test_get_case (f->client, id, &error);
  pd_sync_test_save_notes (f->store, pd_sync_test_find (f->store, id), "edited here");
  created = pd_sync_test_new_case (f->store, "CZ9876543", "a new case");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 3);  /* a person, a case, an edit */

  sync_ok (f);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  after = pd_test_get_case (f->client, id, &error);
  g_assert_cmpstr (member (after, "notes"), ==, "edited here");
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==,
                   json_object_get_int_member (before, "version") + 1);
  g_assert_nonnull (pd_case_get_remote_id (created));

  /* Saving an unchanged case and syncing again sends nothing. */
  pd_sync_test_save_notes (f->store, pd_sync_test_find (f->store, id), "edited here");
  sync_ok (f);
  again = pd_test_get_case (f->client, id, &error);
  g_assert_cmpint (json_object_get_int_member (again, "version"), ==, json_object_get_int_member (after, "version"));

  cases = pd_sync_test_server_cases (f->client);
  persons = pd_test_list (f->client, PD_PORTAL_KIND_PERSON, NULL, 0, NULL, &error);
  g_assert_cmpuint (cases->len, ==, 8);
  for (guint i = 0; i < persons->len; i++)
    n_novak += g_strcmp0 (member (g_ptr_array_index (persons, i), "passport_number"), "CZ9876543") == 0;
  g_assert_cmpuint (n_novak, ==, 1);
  g_assert_cmpstr (member (find_wire (cases, pd_case_get_remote_id (created)), "notes"), ==, "a new case");
  assert_store_matches_portal (f, f->store);
}

static void
test_submit_pushed (PdSyncFixture *f,
                    gconstpointer  data)
{
  g_autoptr(PdCase) copy = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pd_sync_test_server_case (f->client, "submit-1");

  sync_ok (f);
  copy = pd_case_copy (pd_sync_test_find (f->store, id));
  pd_case_set_status (copy, PD_CASE_STATUS_SUBMITTED);
  g_assert_true (pd_store_save_case (f->store, copy, &error));
  sync_ok (f);
  after = pd_test_get_case (f->client, id, &error);
  g_assert_cmpstr (member (after, "status"), ==, "submitted");
  g_assert_nonnull (member (after, "submitted_at"));
  g_assert_nonnull (pd_case_get_submitted_on (pd_sync_test_find (f->store, id)));
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* A local edit and someone else's edit of the same case: a conflict with both. */
static PdSyncConflict *
make_conflict (PdSyncFixture *f,
               char         **id)
{
  g_autoptr(PdPortalClient) other = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) server = NULL;
  GListModel *conflicts = pd_sync_engine_get_conflicts (f->engine);
  PdSyncConflict *conflict;

  *id = pd_sync_test_server_case (f->client, "conflict-1");
  sync_ok (f);
  pd_sync_test_save_notes (f->store, pd_sync_test_find (f->store, *id), "mine");
  theirs = pd_sync_test_patch (other, *id, "notes", "theirs");

  sync_ok (f);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpint (pd_sync_conflict_get_reason (conflict), ==, PD_SYNC_CONFLICT_CHANGED);
  g_assert_cmpstr (pd_sync_conflict_get_kind (conflict), ==, "case");
  g_assert_nonnull (pd_sync_conflict_get_message (conflict));
  local = parse_object (pd_sync_conflict_get_local_json (conflict));
  server = parse_object (pd_sync_conflict_get_server_json (conflict));
  g_assert_cmpstr (member (local, "notes"), ==, "mine");
  g_assert_cmpstr (member (server, "notes"), ==, "theirs");
  /* Never silently overwritten, either way. */
  g_assert_cmpstr (pd_case_get_notes (pd_sync_test_find (f->store, *id)), ==, "mine");
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 1);
  return conflict;
}

static void
test_conflict_keep_mine (PdSyncFixture *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(PdSyncConflict) conflict = make_conflict (f, &id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_sync_engine_resolve_conflict (f->engine, conflict, PD_SYNC_RESOLUTION_KEEP_MINE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (f->engine)), ==, 0);
  sync_ok (f);
  after = pd_test_get_case (f->client, id, &error);
  g_assert_cmpstr (member (after, "notes"), ==, "mine");
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_cmpstr (pd_case_get_notes (pd_sync_test_find (f->store, id)), ==, "mine");

  /* A second answer to the same conflict is refused. */
  g_assert_false (pd_sync_engine_resolve_conflict (f->engine, conflict, PD_SYNC_RESOLUTION_TAKE_THEIRS, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_conflict_take_theirs (PdSyncFixture *f,
                           gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(PdSyncConflict) conflict = make_conflict (f, &id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;
  PdCase *listed = pd_sync_test_find (f->store, id);

  g_assert_true (pd_sync_engine_resolve_conflict (f->engine, conflict, PD_SYNC_RESOLUTION_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  g_assert_true (pd_sync_test_find (f->store, id) == listed);
  g_assert_cmpstr (pd_case_get_notes (listed), ==, "theirs");
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (f->engine)), ==, 0);
  sync_ok (f);
  after = pd_test_get_case (f->client, id, &error);
  g_assert_cmpstr (member (after, "notes"), ==, "theirs");
  assert_store_matches_portal (f, f->store);
}

/* The portal changes the record again after the conflict: a pull skips it (the local
 * change waits) while its token moves on, and taking theirs still ends on the newest. */
static void
test_take_theirs_after_newer_change (PdSyncFixture *f,
                                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr(PdSyncConflict) first = make_conflict (f, &id);
  g_autoptr(PdPortalClient) other = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) newest = pd_sync_test_patch (other, id, "notes", "theirs, later");
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;
  PdCase *listed;

  sync_ok (f);
  g_assert_cmpuint (g_list_model_get_n_items (pd_sync_engine_get_conflicts (f->engine)), ==, 1);
  conflict = g_list_model_get_item (pd_sync_engine_get_conflicts (f->engine), 0);
  g_assert_true (pd_sync_engine_resolve_conflict (f->engine, conflict, PD_SYNC_RESOLUTION_TAKE_THEIRS, &error));
  g_assert_no_error (error);

  listed = pd_sync_test_find (f->store, id);
  g_assert_cmpstr (pd_case_get_notes (listed), ==, "theirs, later");
  g_assert_cmpint (pd_case_get_version (listed), ==, json_object_get_int_member (newest, "version"));
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
  /* Nothing newer is left for a later sync to bring. */
  sync_ok (f);
  g_assert_cmpstr (pd_case_get_notes (pd_sync_test_find (f->store, id)), ==, "theirs, later");
  assert_store_matches_portal (f, f->store);
}

static void
test_refused_change (PdSyncFixture *f,
                     gconstpointer  data)
{
  GListModel *conflicts = pd_sync_engine_get_conflicts (f->engine);
  g_autoptr(PdSyncConflict) conflict = NULL;
  g_autoptr(GError) error = NULL;

  sync_ok (f);
  /* An approved case cannot be edited on the portal (409). */
  pd_sync_test_save_notes (f->store, pd_sync_test_find (f->store, "case-0003"), "too late");
  sync_ok (f);
  g_assert_cmpuint (g_list_model_get_n_items (conflicts), ==, 1);
  conflict = g_list_model_get_item (conflicts, 0);
  g_assert_cmpint (pd_sync_conflict_get_reason (conflict), ==, PD_SYNC_CONFLICT_REFUSED);
  g_assert_nonnull (pd_sync_conflict_get_message (conflict));
  g_assert_true (pd_sync_engine_resolve_conflict (f->engine, conflict, PD_SYNC_RESOLUTION_TAKE_THEIRS, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_case_get_notes (pd_sync_test_find (f->store, "case-0003")), !=, "too late");
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
}

static guint
count_on_portal (PdSyncFixture *f,
                 PdPortalKind   kind,
                 const char    *name,
                 const char    *value,
                 const char    *status)
{
  g_autoptr(GPtrArray) items = pd_test_list (f->client, kind, NULL, 0, NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *wire = g_ptr_array_index (items, i);

      n += g_strcmp0 (member (wire, name), value) == 0 &&
           (status == NULL || g_strcmp0 (member (wire, "status"), status) == 0);
    }
  return n;
}

static void
delete_case (PdStore *store,
             PdCase  *item)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_delete_case (store, item, &error));
  g_assert_no_error (error);
}

/* The draft is deleted while a run is sending its create: the portal makes the case,
 * so it is withdrawn there, and it does not come back here. */
static void
test_delete_during_create (PdSyncFixture *f,
                           gconstpointer  data)
{
  PdCase *item = pd_sync_test_new_case (f->store, "DL7654321", "deleted in flight");
  g_autofree char *id = g_strdup (pd_case_get_id (item));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (pd_store_count_pending_changes (f->store), ==, 2);
  pd_sync_engine_sync_async (f->engine, NULL, pd_test_store_result_cb, &result);
  /* The person's create is confirmed in the callback that sends the case's create. */
  while (pd_store_count_pending_changes (f->store) > 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  delete_case (f->store, item);
  g_assert_true (pd_sync_engine_sync_finish (f->engine, pd_test_wait (&result), &error));
  g_assert_no_error (error);
  sync_ok (f);
  sync_ok (f);

  g_assert_null (pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (f->store)), id));
  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_CASE, "notes", "deleted in flight", "withdrawn"), ==, 1);
  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_CASE, "notes", "deleted in flight", NULL), ==, 1);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
}

/* A draft deleted before any sync sends nothing: not the case, not its person. */
static void
test_delete_unsent_draft (PdSyncFixture *f,
                          gconstpointer  data)
{
  PdCase *kept = pd_sync_test_new_case (f->store, "DK1111111", "kept");
  PdCase *item = pd_sync_test_new_case (f->store, "DU2222222", "never sent");
  g_autoptr(PdCase) sibling = pd_case_new (PD_CASE_KIND_RENEWAL);
  g_autoptr(GError) error = NULL;

  /* A second case of the kept person: deleting it must not drop that person's create. */
  pd_case_set_person (sibling, pd_case_get_person (kept));
  pd_case_set_city (sibling, "Shanghai");
  g_assert_true (pd_store_save_case (f->store, sibling, &error));
  g_assert_no_error (error);
  delete_case (f->store, item);
  delete_case (f->store, pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (f->store)),
                                              pd_case_get_id (sibling)));
  g_assert_cmpuint (pd_store_count_pending_changes (f->store), ==, 2);
  sync_ok (f);

  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_PERSON, "passport_number", "DU2222222", NULL), ==, 0);
  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_CASE, "notes", "never sent", NULL), ==, 0);
  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_PERSON, "passport_number", "DK1111111", NULL), ==, 1);
  g_assert_cmpuint (count_on_portal (f, PD_PORTAL_KIND_CASE, "notes", "kept", NULL), ==, 1);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, PdSyncFixture, NULL, pd_sync_fixture_set_up, func, pd_sync_fixture_tear_down)
  ADD ("/sync/full-sync-fills-an-empty-store", test_full_sync);
  ADD ("/sync/incremental-sync-changes-exactly-what-changed", test_incremental_sync);
  ADD ("/sync/local-edit-is-pushed-once", test_local_edit_pushed_once);
  ADD ("/sync/local-submit-is-pushed", test_submit_pushed);
  ADD ("/sync/conflict-keep-mine-sends-mine", test_conflict_keep_mine);
  ADD ("/sync/conflict-take-theirs-applies-theirs", test_conflict_take_theirs);
  ADD ("/sync/conflict-take-theirs-applies-the-portals-newest", test_take_theirs_after_newer_change);
  ADD ("/sync/refused-change-is-kept-until-answered", test_refused_change);
  ADD ("/sync/draft-deleted-while-its-create-is-sent-is-withdrawn", test_delete_during_create);
  ADD ("/sync/draft-deleted-before-sync-sends-nothing", test_delete_unsent_draft);
#undef ADD

  return g_test_run ();
}
