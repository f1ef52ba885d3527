/* pd-sync-conflict.c: a local change the portal did not take, with both versions
 *
 * Immutable: the sync engine makes a new one whenever the outbox changes. The UI shows
 * the local and the portal's JSON side by side and lets the user choose
 * (pd_sync_engine_resolve_conflict()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include "pd-enum-types.h"
#include "pd-sync-conflict.h"

struct _PdSyncConflict
{
  GObject               parent_instance;

  gint64                seq;
  PdSyncConflictReason  reason;
  char                 *kind;
  char                 *case_id;
  char                 *operation;
  char                 *local_json;
  char                 *server_json;
  char                 *message;
};

G_DEFINE_FINAL_TYPE (PdSyncConflict, pd_sync_conflict, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REASON,
  PROP_KIND,
  PROP_CASE_ID,
  PROP_OPERATION,
  PROP_LOCAL_JSON,
  PROP_SERVER_JSON,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_sync_conflict_finalize (GObject *object)
{
  PdSyncConflict *self = PD_SYNC_CONFLICT (object);

  g_free (self->kind);
  g_free (self->case_id);
  g_free (self->operation);
  g_free (self->local_json);
  g_free (self->server_json);
  g_free (self->message);

  G_OBJECT_CLASS (pd_sync_conflict_parent_class)->finalize (object);
}

static void
pd_sync_conflict_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdSyncConflict *self = PD_SYNC_CONFLICT (object);

  switch (prop_id)
    {
    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_OPERATION:
      g_value_set_string (value, self->operation);
      break;
    case PROP_LOCAL_JSON:
      g_value_set_string (value, self->local_json);
      break;
    case PROP_SERVER_JSON:
      g_value_set_string (value, self->server_json);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_sync_conflict_class_init (PdSyncConflictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pd_sync_conflict_finalize;
  object_class->get_property = pd_sync_conflict_get_property;

  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, PD_TYPE_SYNC_CONFLICT_REASON, PD_SYNC_CONFLICT_CHANGED, flags);
  /* "case" or "person": the record the change was for */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, flags);
  /* create, update, delete, submit or withdraw */
  properties[PROP_OPERATION] = g_param_spec_string ("operation", NULL, NULL, NULL, flags);
  /* The members the local change sets, in the portal's JSON. */
  properties[PROP_LOCAL_JSON] = g_param_spec_string ("local-json", NULL, NULL, NULL, flags);
  /* The portal's present record; NULL when the portal refused without one. */
  properties[PROP_SERVER_JSON] = g_param_spec_string ("server-json", NULL, NULL, NULL, flags);
  /* Translated: what happened and what to do. */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_sync_conflict_init (PdSyncConflict *self)
{
}

PdSyncConflict *
pd_sync_conflict_new (gint64                seq,
                      PdSyncConflictReason  reason,
                      const char           *kind,
                      const char           *case_id,
                      const char           *operation,
                      const char           *local_json,
                      const char           *server_json,
                      const char           *message)
{
  PdSyncConflict *self = g_object_new (PD_TYPE_SYNC_CONFLICT, NULL);

  self->seq = seq;
  self->reason = reason;
  self->kind = g_strdup (kind);
  self->case_id = g_strdup (case_id);
  self->operation = g_strdup (operation);
  self->local_json = g_strdup (local_json);
  self->server_json = g_strdup (server_json);
  self->message = g_strdup (message);
  return self;
}

/* The outbox entry it stands for. */
gint64
pd_sync_conflict_get_seq (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), 0);
  return self->seq;
}

PdSyncConflictReason
pd_sync_conflict_get_reason (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), 0);
  return self->reason;
}

const char *
pd_sync_conflict_get_kind (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->kind;
}

const char *
pd_sync_conflict_get_case_id (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->case_id;
}

const char *
pd_sync_conflict_get_operation (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->operation;
}

const char *
pd_sync_conflict_get_local_json (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->local_json;
}

const char *
pd_sync_conflict_get_server_json (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->server_json;
}

const char *
pd_sync_conflict_get_message (PdSyncConflict *self)
{
  g_return_val_if_fail (PD_IS_SYNC_CONFLICT (self), NULL);
  return self->message;
}
