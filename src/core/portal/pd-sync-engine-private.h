/* pd-sync-engine-private.h: one run of the sync engine, shared by its parts
 * (pd-sync-engine.c runs it, pd-sync-push.c sends the outbox, pd-sync-apply.c pulls)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-sync-engine.h"
#include "pd-sync-outbox.h"

G_BEGIN_DECLS

#define PD_SYNC_N_LISTS 3

typedef struct {
  PdSyncEngine *engine;
  PdStore      *store;
  PdPortalClient *client;
  GCancellable *cancellable;

  /* push */
  GPtrArray    *entries;    /* PdSyncEntry, as they were when the run began */
  guint         index;
  GHashTable   *blocked;    /* "kind/local_id" of records whose change waits on the user */
  PdSyncEntry  *entry;      /* the one being sent */
  JsonObject   *sent;       /* what was sent for it */

  /* pull */
  guint         list;
  GPtrArray    *items[PD_SYNC_N_LISTS];
  char         *tokens[PD_SYNC_N_LISTS];
  GPtrArray    *permit_numbers;
  guint         permit_index;
  GHashTable   *permits;    /* number -> JsonObject */
} PdSyncRun;

/* Records built once per run and shared by every case that refers to them. */
typedef struct {
  PdStore    *store;
  GHashTable *employers;   /* local id -> PdEmployer */
  GHashTable *persons;     /* local id -> PdPerson */
  GHashTable *permits;     /* number -> JsonObject (borrowed) */
} PdSyncApply;

void      pd_sync_push_start       (PdSyncRun   *run);
void      pd_sync_pull_start       (PdSyncRun   *run);
void      pd_sync_run_done         (PdSyncRun   *run,
                                    GError      *error);
void      pd_sync_engine_refresh   (PdSyncEngine *self);

void      pd_sync_apply_init       (PdSyncApply *apply,
                                    PdStore     *store,
                                    GHashTable  *permits);
void      pd_sync_apply_clear      (PdSyncApply *apply);
PdCase   *pd_sync_apply_case       (PdSyncApply *apply,
                                    const char  *local_id,
                                    JsonObject  *wire);
PdPerson *pd_sync_apply_person     (PdSyncApply *apply,
                                    const char  *remote_id);

G_END_DECLS
