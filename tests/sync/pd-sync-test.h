/* pd-sync-test.h: a store, a signed-in client and a sync engine against a real
 * permitdesk-portal on loopback, for the sync tests and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-model.h"
#include "pd-portal-test.h"
#include "pd-store-private.h"
#include "pd-sync-engine.h"

G_BEGIN_DECLS

typedef struct {
  char           *data_dir;
  char           *store_path;
  PdTestPortal   *portal;
  PdStore        *store;
  PdPortalClient *client;
  PdSyncEngine   *engine;
} PdSyncFixture;

void            pd_sync_fixture_set_up      (PdSyncFixture  *f,
                                             gconstpointer   data);
void            pd_sync_fixture_tear_down   (PdSyncFixture  *f,
                                             gconstpointer   data);
void            pd_sync_fixture_open_store  (PdSyncFixture  *f);
void            pd_sync_fixture_close_store (PdSyncFixture  *f);
gboolean        pd_sync_test_sync           (PdSyncEngine   *engine,
                                             GError        **error);
PdCase         *pd_sync_test_find           (PdStore        *store,
                                             const char     *remote_id);
void            pd_sync_test_save_notes     (PdStore        *store,
                                             PdCase         *item,
                                             const char     *notes);
PdCase         *pd_sync_test_new_case       (PdStore        *store,
                                             const char     *passport,
                                             const char     *notes);
JsonObject     *pd_sync_test_patch          (PdPortalClient *client,
                                             const char     *id,
                                             const char     *member,
                                             const char     *value);
GPtrArray      *pd_sync_test_server_cases   (PdPortalClient *client);
char           *pd_sync_test_server_case    (PdPortalClient *client,
                                             const char     *key);

G_END_DECLS
