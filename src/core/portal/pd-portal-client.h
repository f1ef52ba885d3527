/* pd-portal-client.h: the client of the portal API (docs/portal-api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pd-credentials.h"
#include "pd-portal-schema.h"
#include "pd-problem.h"

G_BEGIN_DECLS

typedef enum {
  PD_PORTAL_DOCUMENT_NOTICE,     /* Notification Letter of Work Permit */
  PD_PORTAL_DOCUMENT_DECISION,   /* Notification of Decision on Administrative Authorization */
} PdPortalDocument;

/* A rule set as the portal sent it: the exact file bytes and the detached signature
 * (JSON {alg, cer, sig}); @id and @version as the portal lists them. */
typedef struct {
  char   *id;
  char   *version;
  GBytes *json;
  GBytes *signature;
} PdPortalRuleSet;

void            pd_portal_rule_set_free             (PdPortalRuleSet      *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPortalRuleSet, pd_portal_rule_set_free)

/* Asked for the password when the session expired; NULL declines. Runs on the thread
 * that made the request. */
typedef char *(*PdPortalPasswordFunc) (const char *portal_url,
                                       const char *user,
                                       gpointer    user_data);

#define PD_TYPE_PORTAL_CLIENT (pd_portal_client_get_type ())
G_DECLARE_FINAL_TYPE (PdPortalClient, pd_portal_client, PD, PORTAL_CLIENT, GObject)

PdPortalClient *pd_portal_client_new                (const char           *base_url,
                                                     PdCredentials        *credentials);
const char     *pd_portal_client_get_base_url       (PdPortalClient       *self);
void            pd_portal_client_set_base_url       (PdPortalClient       *self,
                                                     const char           *base_url);
guint           pd_portal_client_get_timeout        (PdPortalClient       *self);
void            pd_portal_client_set_timeout        (PdPortalClient       *self,
                                                     guint                 seconds);
const char     *pd_portal_client_get_tls_ca_file    (PdPortalClient       *self);
void            pd_portal_client_set_tls_ca_file    (PdPortalClient       *self,
                                                     const char           *path);
const char     *pd_portal_client_get_user           (PdPortalClient       *self);
const char     *pd_portal_client_get_role           (PdPortalClient       *self);
const char     *pd_portal_client_get_employer_id    (PdPortalClient       *self);
gboolean        pd_portal_client_get_signed_in      (PdPortalClient       *self);
gboolean        pd_portal_client_get_token_in_file  (PdPortalClient       *self);
void            pd_portal_client_set_password_func  (PdPortalClient       *self,
                                                     PdPortalPasswordFunc  func,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);

void            pd_portal_client_sign_in_async      (PdPortalClient       *self,
                                                     const char           *user,
                                                     const char           *password,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        pd_portal_client_sign_in_finish     (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_restore_session_async
                                                    (PdPortalClient       *self,
                                                     const char           *user,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        pd_portal_client_restore_session_finish
                                                    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_sign_out_async     (PdPortalClient       *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        pd_portal_client_sign_out_finish    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            pd_portal_client_list_async         (PdPortalClient       *self,
                                                     PdPortalKind          kind,
                                                     const char           *updated_since,
                                                     guint                 page_size,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *pd_portal_client_list_finish        (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     char                **sync_token,
                                                     GError              **error);
void            pd_portal_client_get_async          (PdPortalClient       *self,
                                                     PdPortalKind          kind,
                                                     const char           *id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_get_finish         (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_create_async       (PdPortalClient       *self,
                                                     PdPortalKind          kind,
                                                     JsonObject           *fields,
                                                     const char           *idempotency_key,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_create_finish      (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_update_async       (PdPortalClient       *self,
                                                     PdPortalKind          kind,
                                                     const char           *id,
                                                     gint64                version,
                                                     JsonObject           *fields,
                                                     gboolean              replace,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_update_finish      (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     JsonObject          **current,
                                                     GError              **error);
void            pd_portal_client_submit_async       (PdPortalClient       *self,
                                                     const char           *case_id,
                                                     gint64                version,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_submit_finish      (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     JsonObject          **current,
                                                     GError              **error);
void            pd_portal_client_withdraw_async     (PdPortalClient       *self,
                                                     const char           *case_id,
                                                     gint64                version,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_withdraw_finish    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     JsonObject          **current,
                                                     GError              **error);

void            pd_portal_client_upload_document_async
                                                    (PdPortalClient       *self,
                                                     const char           *case_id,
                                                     GFile                *file,
                                                     const char           *content_type,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_upload_document_finish
                                                    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_list_documents_async
                                                    (PdPortalClient       *self,
                                                     const char           *case_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *pd_portal_client_list_documents_finish
                                                    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_download_document_async
                                                    (PdPortalClient       *self,
                                                     const char           *case_id,
                                                     PdPortalDocument      document,
                                                     GFile                *destination,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char           *pd_portal_client_download_document_finish
                                                    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

void            pd_portal_client_lookup_permit_async (PdPortalClient      *self,
                                                     const char           *number,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_lookup_permit_finish (PdPortalClient     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_issue_token_async  (PdPortalClient       *self,
                                                     const char           *number,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char           *pd_portal_client_issue_token_finish (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GDateTime           **expires_at,
                                                     GError              **error);
void            pd_portal_client_verify_async       (PdPortalClient       *self,
                                                     const char           *token_or_number,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_verify_finish      (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void            pd_portal_client_fetch_trust_list_async
                                                    (PdPortalClient       *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
JsonObject     *pd_portal_client_fetch_trust_list_finish
                                                    (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GBytes              **payload,
                                                     char                **signature,
                                                     GError              **error);
void            pd_portal_client_fetch_rules_async  (PdPortalClient       *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray      *pd_portal_client_fetch_rules_finish (PdPortalClient       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
