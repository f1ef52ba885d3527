/* pd-sync-push.c: sends the outbox to the portal, in order, each entry once
 *
 * An entry leaves the outbox only in the transaction that records the portal's answer.
 * Lost answers are safe to retry: a create carries its Idempotency-Key, so the portal
 * returns the record it made the first time; an update, submit or withdraw carries
 * If-Match, so a retry meets 412 with the portal's record, which already holds the
 * change and is taken as the confirmation. A 412 that does not hold the change is a
 * conflict for the user; the record's later entries wait behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-sync-engine-private.h"
#include "pd-sync-map.h"

static void push_next (PdSyncRun *run);

static PdPortalKind
portal_kind (const char *kind)
{
  return g_str_equal (kind, PD_SYNC_KIND_PERSON) ? PD_PORTAL_KIND_PERSON : PD_PORTAL_KIND_CASE;
}

static char *
blocked_key (PdSyncEntry *entry)
{
  return g_strconcat (entry->kind, "/", entry->local_id, NULL);
}

static void
block (PdSyncRun   *run,
       PdSyncEntry *entry)
{
  g_hash_table_add (run->blocked, blocked_key (entry));
}

static gboolean
is_blocked (PdSyncRun   *run,
            PdSyncEntry *entry)
{
  g_autofree char *key = blocked_key (entry);

  return g_hash_table_contains (run->blocked, key);
}

/* The payload with the portal's ids: local ids of persons become theirs, and a
 * missing employer becomes the signed-in user's. */
static JsonObject *
translate (PdSyncRun   *run,
           PdSyncEntry *entry)
{
  JsonObject *body = json_object_new ();
  const char *employer_id = pd_portal_client_get_employer_id (run->client);
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, entry->payload);
  while (json_object_iter_next (&iter, &member, &node))
    json_object_set_member (body, member, json_node_copy (node));

  if (!json_object_has_member (body, "employer_id") && employer_id != NULL)
    json_object_set_string_member (body, "employer_id", employer_id);
  if (json_object_has_member (body, "person_id"))
    {
      g_autofree char *remote = pd_sync_records_remote_id (run->store, PD_SYNC_KIND_PERSON,
                                                           json_object_get_string_member (body, "person_id"));
      if (remote != NULL)
        json_object_set_string_member (body, "person_id", remote);
    }
  return body;
}

/* Only the members the portal does not have yet. */
static JsonObject *
difference (JsonObject *body,
            JsonObject *known)
{
  JsonObject *diff = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (!pd_sync_map_member_equal (known, body, member))
        json_object_set_member (diff, member, json_node_copy (node));
    }
  return diff;
}

static gboolean
write_confirmed (PdSyncRun   *run,
                 PdSyncEntry *entry,
                 JsonObject  *record,
                 PdCase      *listed,
                 GError     **error)
{
  return pd_store_begin (run->store, error) &&
         pd_sync_records_put (run->store, entry->kind, entry->local_id, record, error) &&
         pd_sync_outbox_remove (run->store, entry->seq, error) &&
         (listed == NULL || pd_store_write_remote_cases (run->store, &listed, 1, error)) &&
         pd_store_commit (run->store, error);
}

/* The portal has the change: @record is its state now. */
static gboolean
confirm (PdSyncRun   *run,
         PdSyncEntry *entry,
         JsonObject  *record,
         GError     **error)
{
  PdCase *listed = NULL;
  gint64 old_version = 0;
  g_autofree char *old_remote = NULL;

  if (g_str_equal (entry->kind, PD_SYNC_KIND_CASE))
    listed = pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (run->store)), entry->local_id);
  if (listed != NULL)
    {
      old_version = pd_case_get_version (listed);
      old_remote = g_strdup (pd_case_get_remote_id (listed));
      pd_case_set_remote_id (listed, json_object_get_string_member (record, "id"));
      pd_case_set_version (listed, json_object_get_int_member (record, "version"));
    }

  if (!write_confirmed (run, entry, record, listed, error))
    {
      pd_store_rollback (run->store);
      if (listed != NULL)
        {
          pd_case_set_remote_id (listed, old_remote);
          pd_case_set_version (listed, old_version);
        }
      return FALSE;
    }
  g_debug ("outbox entry %" G_GINT64_FORMAT " (%s %s) confirmed", entry->seq, entry->op, entry->kind);
  return TRUE;
}

static gboolean
set_aside (PdSyncRun   *run,
           PdSyncEntry *entry,
           const char  *state,
           JsonObject  *server,
           const char  *message,
           GError     **error)
{
  block (run, entry);
  g_debug ("outbox entry %" G_GINT64_FORMAT " (%s %s) is a %s", entry->seq, entry->op, entry->kind, state);
  return pd_sync_outbox_set_state (run->store, entry->seq, state, server, message, error);
}

static const char *
target_status (PdSyncEntry *entry)
{
  if (g_str_equal (entry->op, "submit"))
    return "submitted";
  if (g_str_equal (entry->op, "withdraw") || g_str_equal (entry->op, "delete"))
    return "withdrawn";
  return NULL;
}

/* Whether the portal's record already holds what the entry would do. */
static gboolean
holds_change (PdSyncEntry *entry,
              JsonObject  *sent,
              JsonObject  *current)
{
  const char *target = target_status (entry);

  if (target != NULL)
    return json_object_has_member (current, "status") &&
           g_strcmp0 (json_object_get_string_member (current, "status"), target) == 0;
  return sent != NULL && g_str_equal (entry->op, "update") && pd_sync_map_contains (current, sent);
}

/* FALSE stops the run with @error: the portal cannot be used now, or the store failed. */
static gboolean
handle_answer (PdSyncRun    *run,
               JsonObject   *record,
               JsonObject   *current,
               GError       *answer,
               GError      **error)
{
  PdSyncEntry *entry = run->entry;

  if (record != NULL)
    return confirm (run, entry, record, error);

  if (current != NULL && holds_change (entry, run->sent, current))
    return confirm (run, entry, current, error);
  if (current != NULL)
    return set_aside (run, entry, PD_SYNC_ENTRY_CONFLICT, current,
                      _("Someone else changed this case on the portal since your change. Compare both "
                        "versions and keep yours or take theirs."), error);

  if (g_error_matches (answer, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT) ||
      g_error_matches (answer, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED) ||
      g_error_matches (answer, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN) ||
      g_error_matches (answer, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND))
    return set_aside (run, entry, PD_SYNC_ENTRY_REFUSED, NULL, answer->message, error);

  g_propagate_error (error, g_error_copy (answer));
  return FALSE;
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PdSyncRun *run = user_data;
  PdPortalClient *client = PD_PORTAL_CLIENT (source);
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GError) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (tag == pd_portal_client_create_async)
    record = pd_portal_client_create_finish (client, result, &answer);
  else if (tag == pd_portal_client_update_async)
    record = pd_portal_client_update_finish (client, result, &current, &answer);
  else if (tag == pd_portal_client_submit_async)
    record = pd_portal_client_submit_finish (client, result, &current, &answer);
  else
    record = pd_portal_client_withdraw_finish (client, result, &current, &answer);

  if (!handle_answer (run, record, current, answer, &error))
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  pd_sync_engine_refresh (run->engine);
  push_next (run);
}

/* Done without a request: the portal already is where the entry would take it. */
static void
confirm_unsent (PdSyncRun    *run,
                PdSyncRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!confirm (run, run->entry, record->json, &error))
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  push_next (run);
}

static void
refuse_unsent (PdSyncRun  *run,
               const char *message)
{
  g_autoptr(GError) error = NULL;

  if (!set_aside (run, run->entry, PD_SYNC_ENTRY_REFUSED, NULL, message, &error))
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  push_next (run);
}

static gboolean
can_withdraw (JsonObject *record)
{
  const char *status = json_object_get_string_member_with_default (record, "status", "");

  return g_str_equal (status, "draft") || g_str_equal (status, "ready") ||
         g_str_equal (status, "submitted") || g_str_equal (status, "under-review");
}

static void
send_action (PdSyncRun    *run,
             PdSyncRecord *record)
{
  PdSyncEntry *entry = run->entry;
  const char *target = target_status (entry);

  if (g_strcmp0 (json_object_get_string_member_with_default (record->json, "status", ""), target) == 0 ||
      (g_str_equal (entry->op, "delete") && !can_withdraw (record->json)))
    {
      confirm_unsent (run, record);
      return;
    }
  if (g_str_equal (entry->op, "submit"))
    pd_portal_client_submit_async (run->client, record->remote_id, record->version, run->cancellable,
                                   on_sent_cb, run);
  else
    pd_portal_client_withdraw_async (run->client, record->remote_id, record->version, run->cancellable,
                                     on_sent_cb, run);
}

static void
send_entry (PdSyncRun *run)
{
  PdSyncEntry *entry = run->entry;
  g_autoptr(PdSyncRecord) record = pd_sync_records_lookup (run->store, entry->kind, entry->local_id);
  g_autoptr(JsonObject) body = translate (run, entry);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&run->sent, json_object_unref);
  if (g_str_equal (entry->op, "create"))
    {
      if (record != NULL)
        {
          confirm_unsent (run, record);
          return;
        }
      if (!pd_sync_outbox_mark_sent (run->store, entry->seq, &error))
        {
          pd_sync_run_done (run, g_steal_pointer (&error));
          return;
        }
      run->sent = g_steal_pointer (&body);
      pd_portal_client_create_async (run->client, portal_kind (entry->kind), run->sent, entry->key,
                                     run->cancellable, on_sent_cb, run);
      return;
    }

  if (record == NULL)
    {
      refuse_unsent (run, _("This change is for a record the portal never received. Take the portal’s "
                            "version to drop it."));
      return;
    }
  if (!g_str_equal (entry->op, "update"))
    {
      send_action (run, record);
      return;
    }

  run->sent = difference (body, record->json);
  if (json_object_get_size (run->sent) == 0)
    {
      confirm_unsent (run, record);
      return;
    }
  pd_portal_client_update_async (run->client, portal_kind (entry->kind), record->remote_id, record->version,
                                 run->sent, FALSE, run->cancellable, on_sent_cb, run);
}

static void
push_next (PdSyncRun *run)
{
  while (run->index < run->entries->len)
    {
      PdSyncEntry *listed = g_ptr_array_index (run->entries, run->index++);

      /* Re-read: the user may have resolved or dropped it meanwhile. */
      g_clear_pointer (&run->entry, pd_sync_entry_free);
      run->entry = pd_sync_outbox_get (run->store, listed->seq);
      if (run->entry == NULL)
        continue;
      if (!g_str_equal (run->entry->state, PD_SYNC_ENTRY_PENDING) || is_blocked (run, run->entry))
        {
          block (run, run->entry);
          continue;
        }
      send_entry (run);
      return;
    }
  g_clear_pointer (&run->entry, pd_sync_entry_free);
  pd_sync_pull_start (run);
}

void
pd_sync_push_start (PdSyncRun *run)
{
  g_autoptr(GError) error = NULL;

  run->entries = pd_sync_outbox_list (run->store, &error);
  if (run->entries == NULL)
    {
      pd_sync_run_done (run, g_steal_pointer (&error));
      return;
    }
  run->index = 0;
  push_next (run);
}
