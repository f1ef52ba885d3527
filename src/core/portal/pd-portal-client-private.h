/* pd-portal-client-private.h: the request engine shared by the client's parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pd-portal-client.h"

G_BEGIN_DECLS

#define PD_PORTAL_JSON_RESPONSE_LIMIT  (8 * 1024 * 1024)
#define PD_PORTAL_FILE_RESPONSE_LIMIT  (20 * 1024 * 1024)
#define PD_PORTAL_UPLOAD_LIMIT         (10 * 1024 * 1024)

typedef struct {
  char               *method;
  char               *path;          /* below the base URL, with its query */
  GBytes             *body;
  char               *content_type;
  SoupMessageHeaders *headers;       /* extra request headers */
  gboolean            anonymous;     /* no bearer token */
  gboolean            retried;       /* re-signed in once already */
  gsize               limit;
} PdPortalCall;

typedef struct {
  guint       status;
  GBytes     *body;
  JsonNode   *json;      /* NULL unless the body is JSON */
  PdProblem  *problem;   /* for status >= 400 */
} PdPortalResponse;

PdPortalCall     *pd_portal_call_new            (const char        *method,
                                                 const char        *path);
void              pd_portal_call_set_json       (PdPortalCall      *call,
                                                 JsonObject        *object);
void              pd_portal_call_free           (PdPortalCall      *call);
void              pd_portal_response_free       (PdPortalResponse  *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPortalCall, pd_portal_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPortalResponse, pd_portal_response_free)

void              pd_portal_client_call_async   (PdPortalClient    *self,
                                                 PdPortalCall      *call,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
PdPortalResponse *pd_portal_client_call_finish  (PdPortalClient    *self,
                                                 GAsyncResult      *result,
                                                 GError           **error);
gboolean          pd_portal_response_check      (PdPortalResponse  *response,
                                                 GError           **error);
JsonObject       *pd_portal_response_object     (PdPortalResponse  *response,
                                                 GError           **error);
GError           *pd_portal_invalid_response    (const char        *reason);

G_END_DECLS
