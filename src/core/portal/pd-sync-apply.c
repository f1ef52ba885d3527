/* pd-sync-apply.c: pulls what changed on the portal and applies it to the store
 *
 * Employers, persons and cases are listed from the sync tokens of the last pull, the
 * permits of the cases that came are looked up, and everything is written in one
 * transaction together with the new tokens: a pull interrupted at any point leaves
 * the store as it was and is simply repeated. A record with local changes still in
 * the outbox is not touched: the push decides (and a conflict asks the user).
 * Listed cases are updated in place, so views bound to them follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include "pd-sync-engine-private.h"
#include "pd-sync-map.h"

#define PAGE_SIZE 1000

static const PdPortalKind list_kinds[PD_SYNC_N_LISTS] = {
  PD_PORTAL_KIND_EMPLOYER, PD_PORTAL_KIND_PERSON, PD_PORTAL_KIND_CASE,
};

static const char * const token_keys[PD_SYNC_N_LISTS] = {
  "sync.token.employers", "sync.token.persons", "sync.token.cases",
};

static const char * const sync_kinds[PD_SYNC_N_LISTS] = {
  PD_SYNC_KIND_EMPLOYER, PD_SYNC_KIND_PERSON, PD_SYNC_KIND_CASE,
};

/* ---- building model objects from the portal's records ---- */

void
pd_sync_apply_init (PdSyncApply *apply,
                    PdStore     *store,
                    GHashTable  *permits)
{
  apply->store = store;
  apply->employers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  apply->persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  apply->permits = permits;
}

void
pd_sync_apply_clear (PdSyncApply *apply)
{
  g_clear_pointer (&apply->employers, g_hash_table_unref);
  g_clear_pointer (&apply->persons, g_hash_table_unref);
}

static char *
local_id_for (PdStore    *store,
              const char *kind,
              const char *remote_id)
{
  char *local_id = pd_sync_records_local_id (store, kind, remote_id);

  return local_id != NULL ? local_id : g_strdup (remote_id);
}

/* The person of a portal id, as last recorded; NULL when the portal never sent it. */
PdPerson *
pd_sync_apply_person (PdSyncApply *apply,
                      const char  *remote_id)
{
  g_autofree char *local_id = local_id_for (apply->store, PD_SYNC_KIND_PERSON, remote_id);
  g_autoptr(PdSyncRecord) record = NULL;
  PdPerson *person = g_hash_table_lookup (apply->persons, local_id);

  if (person != NULL)
    return person;
  record = pd_sync_records_lookup (apply->store, PD_SYNC_KIND_PERSON, local_id);
  if (record == NULL)
    return NULL;
  person = pd_sync_map_new_person (local_id, record->json);
  g_hash_table_insert (apply->persons, g_steal_pointer (&local_id), person);
  return person;
}

static PdEmployer *
apply_employer (PdSyncApply *apply,
                const char  *remote_id)
{
  g_autofree char *local_id = local_id_for (apply->store, PD_SYNC_KIND_EMPLOYER, remote_id);
  g_autoptr(PdSyncRecord) record = NULL;
  PdEmployer *employer = g_hash_table_lookup (apply->employers, local_id);

  if (employer != NULL)
    return employer;
  record = pd_sync_records_lookup (apply->store, PD_SYNC_KIND_EMPLOYER, local_id);
  if (record == NULL)
    return NULL;
  employer = pd_sync_map_new_employer (local_id, record->json);
  g_hash_table_insert (apply->employers, g_steal_pointer (&local_id), employer);
  return employer;
}

static PdPermit *
apply_permit (PdSyncApply *apply,
              PdCase      *item,
              JsonObject  *wire)
{
  const char *number = json_object_get_string_member_with_default (wire, "permit_number", NULL);
  PdPermit *listed = pd_case_get_permit (item);
  JsonObject *permit = number != NULL && apply->permits != NULL ? g_hash_table_lookup (apply->permits, number)
                                                                  : NULL;
  PdPermit *known;

  if (number == NULL)
    return NULL;
  if (permit != NULL)
    return pd_sync_map_new_permit (permit);
  if (listed != NULL && g_strcmp0 (pd_permit_get_number (listed), number) == 0)
    return g_object_ref (listed);
  /* Not looked up: the number and the case's category are all that is known. */
  known = g_object_new (PD_TYPE_PERMIT, "id", number, NULL);
  pd_permit_set_number (known, number);
  pd_permit_set_category (known, pd_case_get_category (item));
  return known;
}

/* A copy of the listed case (or a new one) holding the portal's @wire; NULL when its
 * person is unknown. The caller writes it and publishes it. */
PdCase *
pd_sync_apply_case (PdSyncApply *apply,
                    const char  *local_id,
                    JsonObject  *wire)
{
  PdCase *listed = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (apply->store)), local_id);
  g_autoptr(PdCase) item = NULL;
  g_autoptr(PdPermit) permit = NULL;
  PdPerson *person;

  person = pd_sync_apply_person (apply, json_object_get_string_member (wire, "person_id"));
  if (person == NULL)
    return NULL;
  item = listed != NULL ? pd_case_copy (listed) : g_object_new (PD_TYPE_CASE, "id", local_id, NULL);
  pd_sync_map_apply_case (item, wire);
  /* A person with local edits still to send keeps them. */
  if (listed == NULL || g_strcmp0 (pd_person_get_id (pd_case_get_person (listed)), pd_person_get_id (person)) != 0 ||
      !pd_sync_outbox_has_record (apply->store, PD_SYNC_KIND_PERSON, pd_person_get_id (person)))
    pd_case_set_person (item, person);
  pd_case_set_employer (item, apply_employer (apply, json_object_get_string_member (wire, "employer_id")));
  permit = apply_permit (apply, item, wire);
  pd_case_set_permit (item, permit);
  return g_steal_pointer (&item);
}

/* ---- applying a pull ---- */

/* A case the portal has that is not listed here was deleted by the user: the portal
 * keeps it (withdrawn), the store does not bring it back. */
static gboolean
deleted_here (PdStore    *store,
              const char *local_id)
{
  g_autofree char *known = NULL;

  if (pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (store)), local_id) != NULL)
    return FALSE;
  known = pd_sync_records_remote_id (store, PD_SYNC_KIND_CASE, local_id);
  return known != NULL;
}

static gboolean
put_records (PdSyncRun  *run,
             guint       list,
             GHashTable *changed,
             GError    **error)
{
  GPtrArray *items = run->items[list];

  for (guint i = 0; i < items->len; i++)
    {
      JsonObject *wire = g_ptr_array_index (items, i);
      g_autofree char *local_id = local_id_for (run->store, sync_kinds[list],
                                                json_object_get_string_member (wire, "id"));

      gboolean deleted;

      if (pd_sync_outbox_has_record (run->store, sync_kinds[list], local_id))
        {
          if (!pd_sync_outbox_keep_server (run->store, sync_kinds[list], local_id, wire, error))
            return FALSE;
          continue;
        }
      deleted = list == 2 && deleted_here (run->store, local_id);
      if (!pd_sync_records_put (run->store, sync_kinds[list], local_id, wire, error))
        return FALSE;
      if (deleted)
        continue;
      g_hash_table_insert (changed, g_steal_pointer (&local_id), wire);
    }
  return TRUE;
}

static void
add_changed_cases (PdSyncRun   *run,
                   PdSyncApply *apply,
                   GHashTable  *cases,
                   GPtrArray   *out)
{
  GHashTableIter iter;
  gpointer local_id, wire;

  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, &local_id, &wire))
    {
      PdCase *item = pd_sync_apply_case (apply, local_id, wire);

      if (item == NULL)
        g_warning ("A case from the portal names a person it did not send; it was skipped");
      else
        g_ptr_array_add (out, item);
    }
}

/* Listed cases whose person or employer changed while the case itself did not. */
static void
add_cases_of_changed (PdSyncRun   *run,
                      PdSyncApply *apply,
                      GHashTable  *persons,
                      GHashTable  *employers,
                      GHashTable  *cases,
                      GPtrArray   *out)
{
  GListModel *listed = pd_store_get_cases (run->store);
  guint n_items = g_list_model_get_n_items (listed);

  if (g_hash_table_size (persons) == 0 && g_hash_table_size (employers) == 0)
    return;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (listed, i);
      PdPerson *person = pd_case_get_person (item);
      PdEmployer *employer = pd_case_get_employer (item);
      g_autoptr(PdCase) copy = NULL;
      gboolean person_changed = g_hash_table_contains (persons, pd_person_get_id (person));
      gboolean employer_changed = employer != NULL &&
                                  g_hash_table_contains (employers, pd_employer_get_id (employer));

      if ((!person_changed && !employer_changed) || g_hash_table_contains (cases, pd_case_get_id (item)) ||
          pd_sync_outbox_has_record (run->store, PD_SYNC_KIND_CASE, pd_case_get_id (item)))
        continue;
      copy = pd_case_copy (item);
      if (person_changed)
        pd_case_set_person (copy, g_hash_table_lookup (apply->persons, pd_person_get_id (person)));
      if (employer_changed)
        pd_case_set_employer (copy, apply_employer (apply, pd_employer_get_id (employer)));
      g_ptr_array_add (out, g_steal_pointer (&copy));
    }
}

static void
build_changed (PdSyncApply *apply,
               GHashTable  *persons,
               GHashTable  *employers)
{
  GHashTableIter iter;
  gpointer local_id, wire;

  g_hash_table_iter_init (&iter, persons);
  while (g_hash_table_iter_next (&iter, &local_id, &wire))
    g_hash_table_insert (apply->persons, g_strdup (local_id), pd_sync_map_new_person (local_id, wire));
  g_hash_table_iter_init (&iter, employers);
  while (g_hash_table_iter_next (&iter, &local_id, &wire))
    g_hash_table_insert (apply->employers, g_strdup (local_id), pd_sync_map_new_employer (local_id, wire));
}

static gboolean
write_pull (PdSyncRun  *run,
            GPtrArray  *written,
            GError    **error)
{
  g_autoptr(GHashTable) employers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  PdSyncApply apply;
  gboolean ok;

  if (!put_records (run, 0, employers, error) ||
      !put_records (run, 1, persons, error) ||
      !put_records (run, 2, cases, error))
    return FALSE;

  pd_sync_apply_init (&apply, run->store, run->permits);
  build_changed (&apply, persons, employers);
  add_changed_cases (run, &apply, cases, written);
  add_cases_of_changed (run, &apply, persons, employers, cases, written);
  pd_sync_apply_clear (&apply);

  ok = pd_store_write_remote_cases (run->store, (PdCase **) written->pdata, written->len, error);
  for (guint i = 0; ok && i < PD_SYNC_N_LISTS; i++)
    ok = pd_store_set_meta (run->store, token_keys[i], run->tokens[i], error);
  return ok && pd_store_set_meta (run->store, "sync.last", now_text, error);
}

static void
apply_pull (PdSyncRun *run)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (!pd_store_begin (run->store, &error))
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  if (!write_pull (run, written, &error) || !pd_store_commit (run->store, &error))
    {
      pd_store_rollback (run->store);
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  pd_store_publish_cases (run->store, (PdCase **) written->pdata, written->len);
  g_debug ("pull applied: %u employers, %u persons, %u cases listed; %u cases written",
           run->items[0]->len, run->items[1]->len, run->items[2]->len, written->len);
  pd_sync_run_done (run, NULL);
}

/* ---- fetching ---- */

static void lookup_next_permit (PdSyncRun *run);

static void
on_permit_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdSyncRun *run = user_data;
  g_autoptr(JsonObject) permit = NULL;
  g_autoptr(GError) error = NULL;
  const char *number = g_ptr_array_index (run->permit_numbers, run->permit_index - 1);

  permit = pd_portal_client_lookup_permit_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (permit != NULL)
    g_hash_table_insert (run->permits, g_strdup (number), g_steal_pointer (&permit));
  else if (!g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND) &&
           !g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN))
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  lookup_next_permit (run);
}

static void
lookup_next_permit (PdSyncRun *run)
{
  if (run->permit_index >= run->permit_numbers->len)
    {
      apply_pull (run);
      return;
    }
  pd_portal_client_lookup_permit_async (run->client, g_ptr_array_index (run->permit_numbers, run->permit_index++),
                                        run->cancellable, on_permit_cb, run);
}

static void
lookup_permits (PdSyncRun *run)
{
  GPtrArray *cases = run->items[2];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  run->permit_numbers = g_ptr_array_new_with_free_func (g_free);
  run->permits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  for (guint i = 0; i < cases->len; i++)
    {
      const char *number = json_object_get_string_member_with_default (g_ptr_array_index (cases, i),
                                                                       "permit_number", NULL);

      if (number != NULL && g_hash_table_add (seen, (gpointer) number))
        g_ptr_array_add (run->permit_numbers, g_strdup (number));
    }
  run->permit_index = 0;
  lookup_next_permit (run);
}

static void list_next (PdSyncRun *run);

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PdSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->items[run->list] = pd_portal_client_list_finish (PD_PORTAL_CLIENT (source), result,
                                                        &run->tokens[run->list], &error);
  if (run->items[run->list] == NULL)
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  run->list++;
  list_next (run);
}

static void
list_next (PdSyncRun *run)
{
  g_autofree char *since = NULL;

  if (run->list >= PD_SYNC_N_LISTS)
    {
      lookup_permits (run);
      return;
    }
  since = pd_store_get_meta (run->store, token_keys[run->list]);
  pd_portal_client_list_async (run->client, list_kinds[run->list], since, PAGE_SIZE,
                               run->cancellable, on_listed_cb, run);
}

void
pd_sync_pull_start (PdSyncRun *run)
{
  run->list = 0;
  list_next (run);
}
