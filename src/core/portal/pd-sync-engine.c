/* pd-sync-engine.c: keeps the store and the portal in step (docs/sync.md)
 *
 * The engine installs itself as the store's change hook, so every save and delete a
 * user makes writes its outbox entries in the same transaction. A sync run pushes the
 * outbox (pd-sync-push.c), then pulls what changed (pd-sync-apply.c). Runs never
 * overlap: a request made during a run is served by the next one. A run the portal
 * could not serve is retried after an exponential, capped, jittered delay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-enum-types.h"
#include "pd-sync-engine-private.h"
#include "pd-sync-map.h"

#define DEFAULT_INTERVAL_S    300
#define DEFAULT_BACKOFF_MS    5000
#define DEFAULT_BACKOFF_MAX_MS (10 * 60 * 1000)

struct _PdSyncEngine
{
  GObject         parent_instance;

  PdStore        *store;
  PdPortalClient *client;

  PdSyncState     state;
  GDateTime      *last_synced;
  guint           pending;
  char           *error_message;
  GListStore     *conflicts;

  guint           interval;
  gboolean        automatic;
  guint           timer_id;
  guint           retry_id;
  guint           refresh_id;
  guint           failures;
  guint           backoff_ms;
  guint           backoff_max_ms;

  PdSyncRun      *run;
  GPtrArray      *serving;   /* GTasks the current run answers */
  GPtrArray      *waiting;   /* GTasks for the next run */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (PdSyncEngine, pd_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_STATE,
  PROP_LAST_SYNCED,
  PROP_PENDING,
  PROP_ERROR_MESSAGE,
  PROP_CONFLICTS,
  PROP_INTERVAL,
  PROP_AUTOMATIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_run (PdSyncEngine *self);

/* ---- state ---- */

static void
set_state (PdSyncEngine *self,
           PdSyncState   state,
           const char   *message)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->error_message, message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
}

static PdSyncConflict *
conflict_for (PdSyncEntry *entry)
{
  g_autofree char *local_json = pd_sync_map_to_string (entry->payload);
  g_autofree char *server_json = entry->server != NULL ? pd_sync_map_to_string (entry->server) : NULL;

  return pd_sync_conflict_new (entry->seq,
                               g_str_equal (entry->state, PD_SYNC_ENTRY_CONFLICT) ? PD_SYNC_CONFLICT_CHANGED
                                                                                  : PD_SYNC_CONFLICT_REFUSED,
                               entry->kind, entry->case_id, entry->op, local_json, server_json, entry->message);
}

static gboolean
same_conflicts (GListModel *model,
                GPtrArray  *conflicts)
{
  if (g_list_model_get_n_items (model) != conflicts->len)
    return FALSE;
  for (guint i = 0; i < conflicts->len; i++)
    {
      g_autoptr(PdSyncConflict) old = g_list_model_get_item (model, i);
      PdSyncConflict *new = g_ptr_array_index (conflicts, i);

      if (pd_sync_conflict_get_seq (old) != pd_sync_conflict_get_seq (new) ||
          g_strcmp0 (pd_sync_conflict_get_server_json (old), pd_sync_conflict_get_server_json (new)) != 0 ||
          g_strcmp0 (pd_sync_conflict_get_message (old), pd_sync_conflict_get_message (new)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Reads the pending count and the conflicts back from the outbox. */
void
pd_sync_engine_refresh (PdSyncEngine *self)
{
  g_autoptr(GPtrArray) entries = pd_sync_outbox_list (self->store, NULL);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  guint pending;

  if (entries == NULL)
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      PdSyncEntry *entry = g_ptr_array_index (entries, i);

      if (!g_str_equal (entry->state, PD_SYNC_ENTRY_PENDING))
        g_ptr_array_add (conflicts, conflict_for (entry));
    }
  pending = entries->len;
  if (self->pending != pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (!same_conflicts (G_LIST_MODEL (self->conflicts), conflicts))
    g_list_store_splice (self->conflicts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->conflicts)),
                         conflicts->pdata, conflicts->len);
}

static gboolean
on_refresh_idle_cb (gpointer user_data)
{
  PdSyncEngine *self = user_data;

  self->refresh_id = 0;
  pd_sync_engine_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Runs inside the user's save: the count is read after that transaction ends. */
static gboolean
on_store_change_cb (PdStore        *store,
                    PdCase         *item,
                    PdStoreChange   change,
                    gpointer        user_data,
                    GError        **error)
{
  PdSyncEngine *self = user_data;

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (on_refresh_idle_cb, self);
  return pd_sync_outbox_record_change (store, item, change, error);
}

/* ---- runs, timers and backoff ---- */

static gboolean
on_timer_cb (gpointer user_data)
{
  PdSyncEngine *self = user_data;

  if (self->run == NULL)
    pd_sync_engine_sync_async (self, NULL, NULL, NULL);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (PdSyncEngine *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->automatic)
    self->timer_id = g_timeout_add_seconds (self->interval, on_timer_cb, self);
}

static gboolean
on_retry_cb (gpointer user_data)
{
  PdSyncEngine *self = user_data;

  self->retry_id = 0;
  if (self->run == NULL)
    pd_sync_engine_sync_async (self, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Exponential from the initial delay, capped, and spread over its upper half so many
 * workstations coming back at once do not hit the portal together. */
static void
schedule_retry (PdSyncEngine *self)
{
  guint64 delay = self->backoff_ms;

  for (guint i = 1; i < self->failures && delay < self->backoff_max_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_max_ms);
  delay = delay / 2 + (guint64) g_random_int_range (0, (gint32) MAX (delay / 2, 1));
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add ((guint) delay, on_retry_cb, self);
  g_debug ("sync failed %u times; next try in %" G_GUINT64_FORMAT " ms", self->failures, delay);
}

static gboolean
is_transient (GError *error)
{
  return g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE) ||
         g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TIMEOUT) ||
         g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_SERVER) ||
         g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
}

/* Only transient failures are retried: the others need the user. */
static const char *
failure_advice (GError *error)
{
  if (is_transient (error))
    return _("Your changes are kept and will be sent later.");
  if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_SIGNED_IN) ||
      g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNAUTHORIZED))
    return _("Your changes are kept: sign in again in Preferences to send them.");
  if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN))
    return _("Your changes are kept: sign in in Preferences with an account that may make them.");
  return _("Your changes are kept: press Sync to try again.");
}

static void
record_failure (PdSyncEngine *self,
                GError       *error)
{
  g_autofree char *message = NULL;
  gboolean offline = g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE) ||
                     g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TIMEOUT);

  /* Translators: the first %s is the reason, the second what to do; both full sentences. */
  message = g_strdup_printf (_("Not synchronized. %s %s"), error->message, failure_advice (error));
  set_state (self, offline ? PD_SYNC_STATE_OFFLINE : PD_SYNC_STATE_ERROR, message);
  if (is_transient (error))
    {
      self->failures++;
      schedule_retry (self);
    }
}

static void
record_success (PdSyncEngine *self)
{
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  self->last_synced = g_date_time_new_now_utc ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED]);
  self->failures = 0;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  set_state (self, PD_SYNC_STATE_IDLE, NULL);
}

static void
run_free (PdSyncRun *run)
{
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_clear_pointer (&run->blocked, g_hash_table_unref);
  g_clear_pointer (&run->entry, pd_sync_entry_free);
  g_clear_pointer (&run->sent, json_object_unref);
  for (guint i = 0; i < PD_SYNC_N_LISTS; i++)
    {
      g_clear_pointer (&run->items[i], g_ptr_array_unref);
      g_free (run->tokens[i]);
    }
  g_clear_pointer (&run->permit_numbers, g_ptr_array_unref);
  g_clear_pointer (&run->permits, g_hash_table_unref);
  g_clear_object (&run->cancellable);
  g_free (run);
}

/* Ends the run: @error (taken) is NULL on success. */
void
pd_sync_run_done (PdSyncRun *run,
                  GError    *error)
{
  PdSyncEngine *self = run->engine;
  g_autoptr(GPtrArray) serving = g_steal_pointer (&self->serving);

  g_assert (self->run == run);
  self->run = NULL;
  run_free (run);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, PD_SYNC_STATE_IDLE, NULL);
  else if (error != NULL)
    record_failure (self, error);
  else
    record_success (self);
  pd_sync_engine_refresh (self);

  for (guint i = 0; i < serving->len; i++)
    {
      GTask *task = g_ptr_array_index (serving, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&error);

  if (self->waiting->len > 0)
    start_run (self);
  g_object_unref (self);
}

static void
start_run (PdSyncEngine *self)
{
  PdSyncRun *run = g_new0 (PdSyncRun, 1);

  g_assert (self->run == NULL);
  run->engine = g_object_ref (self);
  run->store = self->store;
  run->client = self->client;
  run->cancellable = g_object_ref (self->cancellable);
  run->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->run = run;
  self->serving = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  set_state (self, PD_SYNC_STATE_SYNCING, self->error_message);
  pd_sync_push_start (run);
}

/* ---- GObject ---- */

static void
pd_sync_engine_dispose (GObject *object)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  if (self->store != NULL)
    pd_store_set_change_hook (self->store, NULL, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  G_OBJECT_CLASS (pd_sync_engine_parent_class)->dispose (object);
}

static void
pd_sync_engine_finalize (GObject *object)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_pointer (&self->last_synced, g_date_time_unref);
  g_free (self->error_message);
  g_clear_object (&self->conflicts);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pd_sync_engine_parent_class)->finalize (object);
}

static void
pd_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_CONFLICTS:
      g_value_set_object (value, self->conflicts);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      pd_sync_engine_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_AUTOMATIC:
      pd_sync_engine_set_automatic (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
load_last_synced (PdSyncEngine *self)
{
  g_autofree char *text = pd_store_get_meta (self->store, "sync.last");

  if (text != NULL)
    self->last_synced = g_date_time_new_from_iso8601 (text, NULL);
}

static void
pd_sync_engine_constructed (GObject *object)
{
  PdSyncEngine *self = PD_SYNC_ENGINE (object);

  G_OBJECT_CLASS (pd_sync_engine_parent_class)->constructed (object);

  pd_store_set_change_hook (self->store, on_store_change_cb, self);
  load_last_synced (self);
  pd_sync_engine_refresh (self);
}

static void
pd_sync_engine_class_init (PdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pd_sync_engine_dispose;
  object_class->finalize = pd_sync_engine_finalize;
  object_class->constructed = pd_sync_engine_constructed;
  object_class->get_property = pd_sync_engine_get_property;
  object_class->set_property = pd_sync_engine_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, PD_TYPE_STORE, co);
  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, PD_TYPE_PORTAL_CLIENT, co);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PD_TYPE_SYNC_STATE, PD_SYNC_STATE_IDLE, ro);
  /* When the last sync ended well, kept across restarts; NULL before the first. */
  properties[PROP_LAST_SYNCED] = g_param_spec_boxed ("last-synced", NULL, NULL, G_TYPE_DATE_TIME, ro);
  /* Outbox entries not yet confirmed by the portal, conflicts included. */
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Translated, says what to do; NULL when the last run went well. */
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  /* A GListModel of PdSyncConflict. */
  properties[PROP_CONFLICTS] = g_param_spec_object ("conflicts", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /* Seconds between automatic syncs. */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, 24 * 3600, DEFAULT_INTERVAL_S, rw | G_PARAM_CONSTRUCT);
  properties[PROP_AUTOMATIC] = g_param_spec_boolean ("automatic", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_sync_engine_init (PdSyncEngine *self)
{
  self->conflicts = g_list_store_new (PD_TYPE_SYNC_CONFLICT);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->interval = DEFAULT_INTERVAL_S;
  self->backoff_ms = DEFAULT_BACKOFF_MS;
  self->backoff_max_ms = DEFAULT_BACKOFF_MAX_MS;
}

/* ---- public API ---- */

/* From now on, every case saved or deleted in @store is queued for the portal. One
 * engine per store. */
PdSyncEngine *
pd_sync_engine_new (PdStore        *store,
                    PdPortalClient *client)
{
  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (client), NULL);

  return g_object_new (PD_TYPE_SYNC_ENGINE, "store", store, "client", client, NULL);
}

PdStore *
pd_sync_engine_get_store (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

PdPortalClient *
pd_sync_engine_get_client (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->client;
}

PdSyncState
pd_sync_engine_get_state (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), PD_SYNC_STATE_IDLE);
  return self->state;
}

GDateTime *
pd_sync_engine_get_last_synced (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->last_synced;
}

guint
pd_sync_engine_get_pending (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 0);
  return self->pending;
}

const char *
pd_sync_engine_get_error_message (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return self->error_message;
}

GListModel *
pd_sync_engine_get_conflicts (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), NULL);
  return G_LIST_MODEL (self->conflicts);
}

guint
pd_sync_engine_get_interval (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), 0);
  return self->interval;
}

void
pd_sync_engine_set_interval (PdSyncEngine *self,
                             guint         seconds)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));
  g_return_if_fail (seconds >= 1);

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
pd_sync_engine_get_automatic (PdSyncEngine *self)
{
  g_return_val_if_fail (PD_IS_SYNC_ENGINE (self), FALSE);
  return self->automatic;
}

/* Syncs every #PdSyncEngine:interval seconds while TRUE; the app turns it on. */
void
pd_sync_engine_set_automatic (PdSyncEngine *self,
                              gboolean      automatic)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  automatic = !!automatic;
  if (self->automatic == automatic)
    return;
  self->automatic = automatic;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
}

/* The delay before the first retry after a failed run, and its cap. */
void
pd_sync_engine_set_backoff (PdSyncEngine *self,
                            guint         initial_ms,
                            guint         max_ms)
{
  g_return_if_fail (PD_IS_SYNC_ENGINE (self));
  g_return_if_fail (initial_ms >= 1 && max_ms >= initial_ms);

  self->backoff_ms = initial_ms;
  self->backoff_max_ms = max_ms;
}

/* Pushes the outbox, then pulls. Fails with the portal's error when it could not be
 * used; conflicts and refusals are not failures, they are in #PdSyncEngine:conflicts. */
void
pd_sync_engine_sync_async (PdSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_sync_engine_sync_async);
  g_ptr_array_add (self->waiting, task);
  if (self->run == NULL)
    start_run (self);
}

gboolean
pd_sync_engine_sync_finish (PdSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
