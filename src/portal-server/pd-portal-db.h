/* pd-portal-db.h: the portal's own SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PdPortalDb PdPortalDb;

typedef struct {
  char *name;
  char *role;
  char *employer_id;
  char *person_id;
} PdPortalUser;

typedef enum {
  PD_PORTAL_TOKEN_OK,
  PD_PORTAL_TOKEN_UNKNOWN,
  PD_PORTAL_TOKEN_EXPIRED,
  PD_PORTAL_TOKEN_USED,
} PdPortalTokenState;

void          pd_portal_user_free           (PdPortalUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPortalUser, pd_portal_user_free)

PdPortalDb   *pd_portal_db_open             (const char    *path,
                                             GError       **error);
void          pd_portal_db_free             (PdPortalDb    *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPortalDb, pd_portal_db_free)

gboolean      pd_portal_db_begin            (PdPortalDb    *db,
                                             GError       **error);
gboolean      pd_portal_db_commit           (PdPortalDb    *db,
                                             GError       **error);
void          pd_portal_db_rollback         (PdPortalDb    *db);

gint64        pd_portal_db_current_seq      (PdPortalDb    *db);
gboolean      pd_portal_db_is_empty         (PdPortalDb    *db);

JsonObject   *pd_portal_db_get_resource     (PdPortalDb    *db,
                                             const char    *kind,
                                             const char    *id,
                                             GError       **error);
GPtrArray    *pd_portal_db_list_resources   (PdPortalDb    *db,
                                             const char    *kind,
                                             const char    *employer_id,
                                             const char    *person_id,
                                             gint64         after_seq,
                                             const char    *since_time,
                                             guint          limit,
                                             GError       **error);
JsonObject   *pd_portal_db_put_resource     (PdPortalDb    *db,
                                             const char    *kind,
                                             const char    *id,
                                             const char    *employer_id,
                                             const char    *person_id,
                                             JsonObject    *body,
                                             gint64         expected_version,
                                             GError       **error);

gboolean      pd_portal_db_add_user         (PdPortalDb    *db,
                                             const PdPortalUser *user,
                                             GBytes        *salt,
                                             GBytes        *hash,
                                             guint          iterations,
                                             GError       **error);
PdPortalUser *pd_portal_db_get_user         (PdPortalDb    *db,
                                             const char    *name,
                                             GBytes       **salt,
                                             GBytes       **hash,
                                             guint         *iterations,
                                             GError       **error);

gboolean      pd_portal_db_add_session      (PdPortalDb    *db,
                                             GBytes        *token_hash,
                                             const char    *user,
                                             gint64         expires_at,
                                             GError       **error);
PdPortalUser *pd_portal_db_lookup_session   (PdPortalDb    *db,
                                             GBytes        *token_hash,
                                             gint64         now,
                                             PdPortalTokenState *state,
                                             GError       **error);
gboolean      pd_portal_db_delete_session   (PdPortalDb    *db,
                                             GBytes        *token_hash,
                                             GError       **error);

gboolean      pd_portal_db_get_idempotent   (PdPortalDb    *db,
                                             const char    *user,
                                             const char    *key,
                                             char         **request_hash,
                                             guint         *status,
                                             char         **body,
                                             GError       **error);
gboolean      pd_portal_db_put_idempotent   (PdPortalDb    *db,
                                             const char    *user,
                                             const char    *key,
                                             const char    *request_hash,
                                             guint          status,
                                             const char    *body,
                                             GError       **error);

gboolean      pd_portal_db_add_online_token (PdPortalDb    *db,
                                             GBytes        *token_hash,
                                             const char    *permit_number,
                                             gint64         expires_at,
                                             GError       **error);
PdPortalTokenState pd_portal_db_use_online_token
                                            (PdPortalDb    *db,
                                             GBytes        *token_hash,
                                             gint64         now,
                                             char         **permit_number,
                                             GError       **error);

JsonObject   *pd_portal_db_add_document     (PdPortalDb    *db,
                                             const char    *case_id,
                                             const char    *name,
                                             const char    *content_type,
                                             GBytes        *data,
                                             const char    *sha256,
                                             GError       **error);
GPtrArray    *pd_portal_db_list_documents   (PdPortalDb    *db,
                                             const char    *case_id,
                                             GError       **error);

char         *pd_portal_now_rfc3339         (void);

G_END_DECLS
