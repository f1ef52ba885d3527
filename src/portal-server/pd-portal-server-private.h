/* pd-portal-server-private.h: what the parts of permitdesk-portal share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-portal-db.h"
#include "pd-portal-schema.h"
#include "pd-portal-server.h"
#include "pd-problem.h"

G_BEGIN_DECLS

#define PD_PORTAL_JSON_BODY_LIMIT     (64 * 1024)
#define PD_PORTAL_DOCUMENT_LIMIT      (10 * 1024 * 1024)
#define PD_PORTAL_PBKDF2_ITERATIONS   120000
/* Sign-in throttling: records kept (user × address), forgotten after 15 quiet minutes;
 * sign-ins in flight at once, and password hashes computed at once. */
#define PD_PORTAL_SIGN_IN_RECORDS        10000
#define PD_PORTAL_SIGN_IN_FORGET_USEC    (15 * 60 * G_USEC_PER_SEC)
#define PD_PORTAL_SIGN_IN_MAX_IN_FLIGHT  256
#define PD_PORTAL_SIGN_IN_MAX_HASHING    2

typedef struct {
  PdPortalServer    *server;
  SoupServerMessage *msg;
  char              *path;
  char             **segments;   /* the path below /api/v1/, split at '/' */
  guint              n_segments;
  GHashTable        *query;      /* may be NULL */
  PdPortalUser      *user;       /* after authentication */
  gboolean           paused;
} PdPortalRequest;

PdPortalDb   *pd_portal_server_get_db          (PdPortalServer   *self);
guint         pd_portal_server_get_token_lifetime (PdPortalServer *self);
guint         pd_portal_server_get_online_token_lifetime (PdPortalServer *self);
char         *pd_portal_server_sign_code       (PdPortalServer   *self,
                                                const char       *case_json,
                                                GError          **error);
JsonNode     *pd_portal_server_build_trust_list (PdPortalServer  *self,
                                                GError          **error);
const char   *pd_portal_server_get_rules_dir   (PdPortalServer   *self);
GBytes       *pd_portal_server_get_signer_certificate (PdPortalServer *self);
char         *pd_portal_server_sign_payload    (PdPortalServer   *self,
                                                GBytes           *payload,
                                                GError          **error);
JsonNode     *pd_portal_server_build_rules     (PdPortalServer   *self,
                                                GError          **error);
gboolean      pd_portal_server_sign_in_begin   (PdPortalServer   *self,
                                                const char       *user,
                                                const char       *address,
                                                guint            *delay_ms,
                                                guint            *retry_after_s);
void          pd_portal_server_sign_in_end     (PdPortalServer   *self,
                                                const char       *user,
                                                const char       *address,
                                                gboolean          success);
void          pd_portal_server_run_hash        (PdPortalServer   *self,
                                                GTask            *task,
                                                GTaskThreadFunc   func);
void          pd_portal_server_hash_done       (PdPortalServer   *self);

void          pd_portal_request_free           (PdPortalRequest  *req);
void          pd_portal_request_pause          (PdPortalRequest  *req);
void          pd_portal_request_resume         (PdPortalRequest  *req);
const char   *pd_portal_request_query          (PdPortalRequest  *req,
                                                const char       *name);
const char   *pd_portal_request_header         (PdPortalRequest  *req,
                                                const char       *name);
JsonObject   *pd_portal_request_body_object    (PdPortalRequest  *req);
gboolean      pd_portal_request_authenticate   (PdPortalRequest  *req);

void          pd_portal_respond_problem        (PdPortalRequest  *req,
                                                guint             status,
                                                const char       *type,
                                                const char       *title,
                                                const char       *detail,
                                                JsonObject       *extra);
void          pd_portal_respond_error          (PdPortalRequest  *req,
                                                const GError     *error);
void          pd_portal_respond_json           (PdPortalRequest  *req,
                                                guint             status,
                                                JsonNode         *node);
void          pd_portal_respond_object         (PdPortalRequest  *req,
                                                guint             status,
                                                JsonObject       *object);
void          pd_portal_respond_bytes          (PdPortalRequest  *req,
                                                guint             status,
                                                const char       *content_type,
                                                GBytes           *bytes);

void          pd_portal_routes_dispatch        (PdPortalRequest  *req);

GBytes       *pd_portal_password_hash          (const char       *password,
                                                GBytes           *salt,
                                                guint             iterations);
GBytes       *pd_portal_random_bytes           (gsize             len);
gboolean      pd_portal_bytes_equal_ct         (GBytes           *a,
                                                GBytes           *b);
GBytes       *pd_portal_sha256                 (const void       *data,
                                                gsize             len);
char         *pd_portal_base64url              (const guint8     *data,
                                                gsize             len);
gboolean      pd_portal_add_user               (PdPortalDb       *db,
                                                const char       *name,
                                                const char       *password,
                                                const char       *role,
                                                const char       *employer_id,
                                                const char       *person_id,
                                                GError          **error);

GBytes       *pd_portal_pdf_render             (JsonObject       *document_data,
                                                gboolean          decision,
                                                const char       *code,
                                                GError          **error);

gboolean      pd_portal_seed_demo              (PdPortalDb       *db,
                                                GError          **error);

G_END_DECLS

G_BEGIN_DECLS

/* pd-portal-routes.c, shared with pd-portal-permits.c */
gboolean      pd_portal_may_read               (PdPortalUser     *user,
                                                PdPortalKind      kind,
                                                JsonObject       *resource);
JsonObject   *pd_portal_load_readable          (PdPortalRequest  *req,
                                                PdPortalKind      kind,
                                                const char       *id);
void          pd_portal_route_case_action      (PdPortalRequest  *req,
                                                const char       *case_id,
                                                const char       *action);
void          pd_portal_route_documents        (PdPortalRequest  *req,
                                                const char       *case_id);
void          pd_portal_route_pdf              (PdPortalRequest  *req,
                                                const char       *case_id,
                                                const char       *which);
void          pd_portal_route_permit           (PdPortalRequest  *req);
void          pd_portal_route_verify           (PdPortalRequest  *req);
void          pd_portal_route_trust_list       (PdPortalRequest  *req);
void          pd_portal_respond_resource       (PdPortalRequest  *req,
                                                guint             status,
                                                JsonObject       *resource);
gboolean      pd_portal_check_if_match         (PdPortalRequest  *req,
                                                JsonObject       *current,
                                                gboolean          required);
gboolean      pd_portal_store_update           (PdPortalRequest  *req,
                                                PdPortalKind      kind,
                                                JsonObject       *current,
                                                JsonObject       *merged);
void          pd_portal_respond_method_not_allowed (PdPortalRequest *req);

G_END_DECLS
