/* pd-sync-outbox.c: the durable outbox of local edits and the portal's last known
 * records, both in the store's SQLite file
 *
 * The store calls pd_sync_outbox_record_change() inside the transaction of every save
 * and delete a user makes, so an edit and its outbox entries reach the disk together
 * or not at all: killing the app at any moment loses neither. An entry is added only
 * for a real difference from what the portal last had (or what an earlier entry will
 * send), so saving an unchanged case sends nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include "pd-portal-schema.h"
#include "pd-store-row.h"
#include "pd-sync-map.h"
#include "pd-sync-outbox.h"

static const char SQL_INSERT_ENTRY[] =
  "INSERT INTO outbox (key, op, kind, local_id, case_id, base_version, payload, created_at)"
  " VALUES (:key, :op, :kind, :local_id, :case_id, :base_version, :payload, :created_at)";

static const char SQL_SELECT_ENTRIES[] =
  "SELECT seq, key, op, kind, local_id, case_id, base_version, payload, state, server_json, message"
  " FROM outbox ORDER BY seq";

static const char SQL_SELECT_ENTRY[] =
  "SELECT seq, key, op, kind, local_id, case_id, base_version, payload, state, server_json, message"
  " FROM outbox WHERE seq = :seq";


static const char SQL_HAS_RECORD[] =
  "SELECT EXISTS (SELECT 1 FROM outbox WHERE kind = :kind AND local_id = :local_id)";

static const char SQL_LAST_WRITE[] =
  "SELECT payload FROM outbox WHERE kind = :kind AND local_id = :local_id"
  " AND op IN ('create', 'update') ORDER BY seq DESC LIMIT 1";

static const char SQL_LAST_STATUS[] =
  "SELECT json_extract (payload, '$.status') FROM outbox WHERE kind = :kind AND local_id = :local_id"
  " AND json_extract (payload, '$.status') IS NOT NULL ORDER BY seq DESC LIMIT 1";

static const char SQL_DELETE_ENTRY[] =
  "DELETE FROM outbox WHERE seq = :seq";

static const char SQL_DELETE_RECORD_ENTRIES[] =
  "DELETE FROM outbox WHERE kind = :kind AND local_id = :local_id";

static const char SQL_DELETE_CASE_CHANGES[] =
  "DELETE FROM outbox WHERE kind = :kind AND local_id = :local_id AND op <> 'create'";

/* A create handed to the portal at least once may have reached it. */
static const char SQL_CREATE_SENT[] =
  "SELECT EXISTS (SELECT 1 FROM outbox WHERE kind = :kind AND local_id = :local_id"
  " AND op = 'create' AND state = 'pending' AND attempts > 0)";

static const char SQL_MARK_SENT[] =
  "UPDATE outbox SET attempts = attempts + 1 WHERE seq = :seq";

/* A newer portal record than the one an entry holds, skipped by a pull because of it. */
static const char SQL_KEEP_SERVER[] =
  "UPDATE outbox SET server_json = :server_json WHERE kind = :kind AND local_id = :local_id"
  " AND (server_json IS NULL OR json_extract (server_json, '$.version') < :version)";

static const char SQL_SET_STATE[] =
  "UPDATE outbox SET state = :state, server_json = :server_json, message = :message,"
  " attempts = attempts + 1 WHERE seq = :seq";

static const char SQL_SELECT_RECORD[] =
  "SELECT local_id, remote_id, version, json FROM sync_records WHERE kind = :kind AND local_id = :local_id";

static const char SQL_SELECT_LOCAL_ID[] =
  "SELECT local_id FROM sync_records WHERE kind = :kind AND remote_id = :remote_id";

static const char SQL_UPSERT_RECORD[] =
  "INSERT INTO sync_records (kind, local_id, remote_id, version, json)"
  " VALUES (:kind, :local_id, :remote_id, :version, :json)"
  " ON CONFLICT (kind, local_id) DO UPDATE SET remote_id = excluded.remote_id,"
  " version = excluded.version, json = excluded.json";

void
pd_sync_entry_free (PdSyncEntry *entry)
{
  g_free (entry->key);
  g_free (entry->op);
  g_free (entry->kind);
  g_free (entry->local_id);
  g_free (entry->case_id);
  g_clear_pointer (&entry->payload, json_object_unref);
  g_free (entry->state);
  g_clear_pointer (&entry->server, json_object_unref);
  g_free (entry->message);
  g_free (entry);
}

void
pd_sync_record_free (PdSyncRecord *record)
{
  g_free (record->local_id);
  g_free (record->remote_id);
  g_clear_pointer (&record->json, json_object_unref);
  g_free (record);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* ---- records: the portal's last known state ---- */

PdSyncRecord *
pd_sync_records_lookup (PdStore    *store,
                        const char *kind,
                        const char *local_id)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_SELECT_RECORD, NULL);
  PdSyncRecord *record = NULL;

  if (stmt == NULL || local_id == NULL)
    return NULL;
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *json = column_dup (stmt, 3);

      record = g_new0 (PdSyncRecord, 1);
      record->local_id = column_dup (stmt, 0);
      record->remote_id = column_dup (stmt, 1);
      record->version = sqlite3_column_int64 (stmt, 2);
      record->json = pd_sync_map_from_string (json);
      if (record->json == NULL)
        record->json = json_object_new ();
    }
  sqlite3_reset (stmt);
  return record;
}

/* The local id of a portal record, or NULL when it has none yet. */
char *
pd_sync_records_local_id (PdStore    *store,
                          const char *kind,
                          const char *remote_id)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_SELECT_LOCAL_ID, NULL);
  char *local_id = NULL;

  if (stmt == NULL)
    return NULL;
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":remote_id", remote_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    local_id = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return local_id;
}

/* The portal id of a local record, or NULL when the portal does not have it yet. */
char *
pd_sync_records_remote_id (PdStore    *store,
                           const char *kind,
                           const char *local_id)
{
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (store, kind, local_id);

  return record != NULL ? g_strdup (record->remote_id) : NULL;
}

gboolean
pd_sync_records_put (PdStore     *store,
                     const char  *kind,
                     const char  *local_id,
                     JsonObject  *wire,
                     GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_UPSERT_RECORD, error);
  g_autofree char *json = NULL;

  if (stmt == NULL)
    return FALSE;
  json = pd_sync_map_to_string (wire);
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  pd_store_row_bind_text (stmt, ":remote_id", json_object_get_string_member (wire, "id"));
  pd_store_row_bind_int (stmt, ":version", json_object_get_int_member_with_default (wire, "version", 0));
  pd_store_row_bind_text (stmt, ":json", json);
  return pd_store_step (store, stmt, error);
}

/* ---- entries ---- */

static PdSyncEntry *
read_entry (sqlite3_stmt *stmt)
{
  PdSyncEntry *entry = g_new0 (PdSyncEntry, 1);
  g_autofree char *payload = column_dup (stmt, 7);
  g_autofree char *server = column_dup (stmt, 9);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->key = column_dup (stmt, 1);
  entry->op = column_dup (stmt, 2);
  entry->kind = column_dup (stmt, 3);
  entry->local_id = column_dup (stmt, 4);
  entry->case_id = column_dup (stmt, 5);
  entry->base_version = sqlite3_column_int64 (stmt, 6);
  entry->payload = pd_sync_map_from_string (payload);
  if (entry->payload == NULL)
    entry->payload = json_object_new ();
  entry->state = column_dup (stmt, 8);
  entry->server = pd_sync_map_from_string (server);
  entry->message = column_dup (stmt, 10);
  return entry;
}

/* Every entry, oldest first. */
GPtrArray *
pd_sync_outbox_list (PdStore  *store,
                     GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_sync_entry_free);
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_SELECT_ENTRIES, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, read_entry (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (pd_store_get_db (store)));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

PdSyncEntry *
pd_sync_outbox_get (PdStore *store,
                    gint64   seq)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_SELECT_ENTRY, NULL);
  PdSyncEntry *entry = NULL;

  if (stmt == NULL)
    return NULL;
  pd_store_row_bind_int (stmt, ":seq", seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = read_entry (stmt);
  sqlite3_reset (stmt);
  return entry;
}

static gboolean
query_exists (PdStore    *store,
              const char *sql,
              const char *kind,
              const char *local_id)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, sql, NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return found;
}

gboolean
pd_sync_outbox_has_record (PdStore    *store,
                           const char *kind,
                           const char *local_id)
{
  return query_exists (store, SQL_HAS_RECORD, kind, local_id);
}

static gboolean
run_on (PdStore     *store,
           const char  *sql,
           gint64       seq,
           const char  *kind,
           const char  *local_id,
           GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (kind != NULL)
    {
      pd_store_row_bind_text (stmt, ":kind", kind);
      pd_store_row_bind_text (stmt, ":local_id", local_id);
    }
  else
    {
      pd_store_row_bind_int (stmt, ":seq", seq);
    }
  return pd_store_step (store, stmt, error);
}

gboolean
pd_sync_outbox_remove (PdStore  *store,
                       gint64    seq,
                       GError  **error)
{
  return run_on (store, SQL_DELETE_ENTRY, seq, NULL, NULL, error);
}

gboolean
pd_sync_outbox_remove_record (PdStore     *store,
                              const char  *kind,
                              const char  *local_id,
                              GError     **error)
{
  return run_on (store, SQL_DELETE_RECORD_ENTRIES, 0, kind, local_id, error);
}

/* Called before a create goes out, outside any transaction: from then on the portal
 * may have the record even if its answer never arrives. */
gboolean
pd_sync_outbox_mark_sent (PdStore  *store,
                          gint64    seq,
                          GError  **error)
{
  return run_on (store, SQL_MARK_SENT, seq, NULL, NULL, error);
}

/* A pull skips a record with entries in the outbox while its sync token moves on:
 * the entries keep @wire, so taking the portal's version applies this one, not an
 * older one the portal will never list again. */
gboolean
pd_sync_outbox_keep_server (PdStore     *store,
                            const char  *kind,
                            const char  *local_id,
                            JsonObject  *wire,
                            GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_KEEP_SERVER, error);
  g_autofree char *server_json = NULL;

  if (stmt == NULL)
    return FALSE;
  server_json = pd_sync_map_to_string (wire);
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  pd_store_row_bind_text (stmt, ":server_json", server_json);
  pd_store_row_bind_int (stmt, ":version", json_object_get_int_member_with_default (wire, "version", 0));
  return pd_store_step (store, stmt, error);
}

gboolean
pd_sync_outbox_set_state (PdStore     *store,
                          gint64       seq,
                          const char  *state,
                          JsonObject  *server,
                          const char  *message,
                          GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_SET_STATE, error);
  g_autofree char *server_json = server != NULL ? pd_sync_map_to_string (server) : NULL;

  if (stmt == NULL)
    return FALSE;
  pd_store_row_bind_int (stmt, ":seq", seq);
  pd_store_row_bind_text (stmt, ":state", state);
  pd_store_row_bind_text (stmt, ":server_json", server_json);
  pd_store_row_bind_text (stmt, ":message", message);
  return pd_store_step (store, stmt, error);
}

static gboolean
enqueue (PdStore     *store,
         const char  *op,
         const char  *kind,
         const char  *local_id,
         const char  *case_id,
         gint64       base_version,
         JsonObject  *payload,
         GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, SQL_INSERT_ENTRY, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *json = pd_sync_map_to_string (payload);

  if (stmt == NULL)
    return FALSE;
  pd_store_row_bind_text (stmt, ":key", key);
  pd_store_row_bind_text (stmt, ":op", op);
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  pd_store_row_bind_text (stmt, ":case_id", case_id);
  pd_store_row_bind_int (stmt, ":base_version", base_version);
  pd_store_row_bind_text (stmt, ":payload", json);
  pd_store_row_bind_date_time (stmt, ":created_at", now);
  return pd_store_step (store, stmt, error);
}

static char *
query_text (PdStore    *store,
            const char *sql,
            const char *kind,
            const char *local_id)
{
  sqlite3_stmt *stmt = pd_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  pd_store_row_bind_text (stmt, ":kind", kind);
  pd_store_row_bind_text (stmt, ":local_id", local_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

/* What the portal will have once the outbox is sent: the last write waiting for
 * this record, else the portal's record with its person as a local id. */
static JsonObject *
known_members (PdStore      *store,
               const char   *kind,
               const char   *local_id,
               PdSyncRecord *record)
{
  g_autofree char *last = query_text (store, SQL_LAST_WRITE, kind, local_id);
  g_autofree char *person_local = NULL;
  JsonObject *known;

  if (last != NULL)
    return pd_sync_map_from_string (last);
  if (record == NULL)
    return NULL;

  known = pd_portal_schema_writable (g_str_equal (kind, PD_SYNC_KIND_CASE) ? PD_PORTAL_KIND_CASE
                                                                           : PD_PORTAL_KIND_PERSON,
                                     record->json);
  if (g_str_equal (kind, PD_SYNC_KIND_CASE) && json_object_has_member (known, "person_id"))
    {
      person_local = pd_sync_records_local_id (store, PD_SYNC_KIND_PERSON,
                                               json_object_get_string_member (known, "person_id"));
      if (person_local != NULL)
        json_object_set_string_member (known, "person_id", person_local);
    }
  return known;
}

static gboolean
record_person (PdStore     *store,
               PdCase      *item,
               GError     **error)
{
  PdPerson *person = pd_case_get_person (item);
  PdEmployer *employer = pd_case_get_employer (item);
  const char *id = pd_person_get_id (person);
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (store, PD_SYNC_KIND_PERSON, id);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(JsonObject) known = NULL;

  payload = pd_sync_map_person_payload (person, employer != NULL ? pd_employer_get_id (employer) : NULL,
                                        record != NULL ? record->json : NULL);
  if (record == NULL && !pd_sync_outbox_has_record (store, PD_SYNC_KIND_PERSON, id))
    return enqueue (store, "create", PD_SYNC_KIND_PERSON, id, pd_case_get_id (item), 0, payload, error);

  known = known_members (store, PD_SYNC_KIND_PERSON, id, record);
  if (known != NULL && pd_sync_map_contains (known, payload))
    return TRUE;
  return enqueue (store, "update", PD_SYNC_KIND_PERSON, id, pd_case_get_id (item),
                  record != NULL ? record->version : 0, payload, error);
}

/* A local status the portal reaches by an action rather than by a write. */
static gboolean
record_status (PdStore       *store,
               PdCase        *item,
               PdSyncRecord  *record,
               GError       **error)
{
  const char *id = pd_case_get_id (item);
  g_autofree char *known = query_text (store, SQL_LAST_STATUS, PD_SYNC_KIND_CASE, id);
  PdCaseStatus status = pd_case_get_status (item);
  g_autoptr(JsonObject) payload = json_object_new ();
  const char *op;

  if (known == NULL && record != NULL && json_object_has_member (record->json, "status"))
    known = g_strdup (json_object_get_string_member (record->json, "status"));
  if (known == NULL)
    known = g_strdup ("draft");

  if (status == PD_CASE_STATUS_SUBMITTED &&
      (g_str_equal (known, "draft") || g_str_equal (known, "ready")))
    op = "submit";
  else if (status == PD_CASE_STATUS_WITHDRAWN &&
           (g_str_equal (known, "draft") || g_str_equal (known, "ready") ||
            g_str_equal (known, "submitted") || g_str_equal (known, "under-review")))
    op = "withdraw";
  else
    return TRUE;

  json_object_set_string_member (payload, "status", status == PD_CASE_STATUS_SUBMITTED ? "submitted" : "withdrawn");
  return enqueue (store, op, PD_SYNC_KIND_CASE, id, id, record != NULL ? record->version : 0, payload, error);
}

static gboolean
record_case (PdStore  *store,
             PdCase   *item,
             GError  **error)
{
  const char *id = pd_case_get_id (item);
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (store, PD_SYNC_KIND_CASE, id);
  g_autoptr(JsonObject) payload = pd_sync_map_case_payload (item);
  g_autoptr(JsonObject) known = NULL;

  /* The status is the portal's to change; submit and withdraw are separate entries. */
  json_object_remove_member (payload, "status");
  if (record == NULL && !pd_sync_outbox_has_record (store, PD_SYNC_KIND_CASE, id))
    {
      if (!enqueue (store, "create", PD_SYNC_KIND_CASE, id, id, 0, payload, error))
        return FALSE;
    }
  else
    {
      known = known_members (store, PD_SYNC_KIND_CASE, id, record);
      if ((known == NULL || !pd_sync_map_contains (known, payload)) &&
          !enqueue (store, "update", PD_SYNC_KIND_CASE, id, id, record != NULL ? record->version : 0,
                    payload, error))
        return FALSE;
    }
  return record_status (store, item, record, error);
}

static gboolean
person_in_other_case (PdStore    *store,
                      const char *person_id,
                      const char *case_id)
{
  GListModel *cases = pd_store_get_cases (store);
  guint n_items = g_list_model_get_n_items (cases);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PdCase) other = g_list_model_get_item (cases, i);

      if (!g_str_equal (pd_case_get_id (other), case_id) &&
          g_str_equal (pd_person_get_id (pd_case_get_person (other)), person_id))
        return TRUE;
    }
  return FALSE;
}

/* A case the portal never had leaves nothing to send, and neither does its person
 * when no other case refers to them: a deleted draft's personal data is never
 * uploaded. One the portal has, or may have because its create already went out
 * (a run is sending it, or its answer was lost), is withdrawn there when its state
 * allows (the portal keeps every case, it has no delete). */
static gboolean
record_delete (PdStore  *store,
               PdCase   *item,
               GError  **error)
{
  const char *id = pd_case_get_id (item);
  const char *person_id = pd_person_get_id (pd_case_get_person (item));
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (store, PD_SYNC_KIND_CASE, id);
  g_autoptr(JsonObject) payload = json_object_new ();

  if (record != NULL)
    return enqueue (store, "delete", PD_SYNC_KIND_CASE, id, id, record->version, payload, error);
  if (query_exists (store, SQL_CREATE_SENT, PD_SYNC_KIND_CASE, id))
    return run_on (store, SQL_DELETE_CASE_CHANGES, 0, PD_SYNC_KIND_CASE, id, error) &&
           enqueue (store, "delete", PD_SYNC_KIND_CASE, id, id, 0, payload, error);

  if (!pd_sync_outbox_remove_record (store, PD_SYNC_KIND_CASE, id, error))
    return FALSE;
  if (person_in_other_case (store, person_id, id))
    return TRUE;
  return pd_sync_outbox_remove_record (store, PD_SYNC_KIND_PERSON, person_id, error);
}

/* The store's change hook: runs inside the transaction of the user's save. */
gboolean
pd_sync_outbox_record_change (PdStore        *store,
                              PdCase         *item,
                              PdStoreChange   change,
                              GError        **error)
{
  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_CASE (item), FALSE);

  if (pd_case_get_is_demo (item))
    return TRUE;
  if (change == PD_STORE_CHANGE_DELETE)
    return record_delete (store, item, error);
  return record_person (store, item, error) && record_case (store, item, error);
}
