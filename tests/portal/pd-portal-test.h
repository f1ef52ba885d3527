/* pd-portal-test.h: a real permitdesk-portal on loopback for the portal tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-portal-client.h"

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  char        *data_dir;
  char        *url;
  char        *listen;      /* the address it listens on, for a restart */
  char       **extra_args;
} PdTestPortal;

PdTestPortal   *pd_test_portal_start        (const char * const *extra_args);
void            pd_test_portal_kill         (PdTestPortal       *portal);
void            pd_test_portal_restart      (PdTestPortal       *portal);
void            pd_test_portal_free         (PdTestPortal       *portal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTestPortal, pd_test_portal_free)

PdPortalClient *pd_test_client_new          (const char         *url);
PdPortalClient *pd_test_client_signed_in    (const char         *url,
                                             const char         *user,
                                             const char         *password);

GAsyncResult   *pd_test_wait                (GAsyncResult      **slot);
void            pd_test_store_result_cb     (GObject            *source,
                                             GAsyncResult       *result,
                                             gpointer            user_data);

/* Runs an _async call (whose last two arguments are the callback and its data) on
 * the default main context and yields its GAsyncResult. */
#define PD_TEST_RUN(call_async, ...)                                              \
  ({ GAsyncResult *_pd_slot = NULL;                                              \
     call_async (__VA_ARGS__, pd_test_store_result_cb, &_pd_slot);               \
     pd_test_wait (&_pd_slot); })

JsonObject     *pd_test_get_case            (PdPortalClient     *client,
                                             const char         *id,
                                             GError            **error);
GPtrArray      *pd_test_list                (PdPortalClient     *client,
                                             PdPortalKind        kind,
                                             const char         *since,
                                             guint               page_size,
                                             char              **sync_token,
                                             GError            **error);
JsonObject     *pd_test_new_case_fields     (const char         *person_id,
                                             const char         *position);

/* For the benchmarks: @n cases made on the portal, @in_flight requests at a time; and the
 * baseline of one GET per case, in sequence, in milliseconds. */
void            pd_test_create_cases        (PdPortalClient     *client,
                                             guint               n,
                                             guint               in_flight);
double          pd_test_get_each            (PdPortalClient     *client,
                                             GPtrArray          *items);

G_END_DECLS
