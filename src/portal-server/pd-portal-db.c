/* pd-portal-db.c: the portal's own SQLite file
 *
 * Every statement is a constant string prepared once and cached; values are always
 * bound, never pasted into SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "pd-portal-db.h"
#include "pd-portal-server.h"

struct _PdPortalDb
{
  sqlite3    *handle;
  GHashTable *statements;   /* const char *sql → sqlite3_stmt */
};

static const char schema_sql[] =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = NORMAL;"
  "PRAGMA foreign_keys = ON;"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', 0);"
  "CREATE TABLE IF NOT EXISTS resources ("
  "  kind TEXT NOT NULL, id TEXT NOT NULL, employer_id TEXT, person_id TEXT,"
  "  version INTEGER NOT NULL, seq INTEGER NOT NULL UNIQUE, updated_at TEXT NOT NULL,"
  "  body TEXT NOT NULL, PRIMARY KEY (kind, id));"
  "CREATE INDEX IF NOT EXISTS resources_by_seq ON resources (kind, seq);"
  "CREATE TABLE IF NOT EXISTS users ("
  "  name TEXT PRIMARY KEY, salt BLOB NOT NULL, hash BLOB NOT NULL,"
  "  iterations INTEGER NOT NULL, role TEXT NOT NULL, employer_id TEXT, person_id TEXT);"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  token_hash BLOB PRIMARY KEY, user TEXT NOT NULL REFERENCES users (name),"
  "  expires_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS idempotency ("
  "  user TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (user, key));"
  "CREATE TABLE IF NOT EXISTS online_tokens ("
  "  token_hash BLOB PRIMARY KEY, permit_number TEXT NOT NULL,"
  "  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS documents ("
  "  id TEXT PRIMARY KEY, case_id TEXT NOT NULL, name TEXT NOT NULL,"
  "  content_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,"
  "  created_at TEXT NOT NULL, data BLOB NOT NULL);"
  "CREATE INDEX IF NOT EXISTS documents_by_case ON documents (case_id);";

void
pd_portal_user_free (PdPortalUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->role);
  g_free (user->employer_id);
  g_free (user->person_id);
  g_free (user);
}

char *
pd_portal_now_rfc3339 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
set_sqlite_error (PdPortalDb  *db,
                  GError     **error)
{
  g_set_error (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
               "database: %s", sqlite3_errmsg (db->handle));
  return FALSE;
}

static sqlite3_stmt *
prepare (PdPortalDb  *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (db, error);
          return NULL;
        }
      g_hash_table_insert (db->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           index,
            GBytes       *bytes)
{
  gsize len;
  const void *data = g_bytes_get_data (bytes, &len);

  sqlite3_bind_blob (stmt, index, data, (int) len, SQLITE_TRANSIENT);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column),
                      (gsize) sqlite3_column_bytes (stmt, column));
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (PdPortalDb    *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (db, error);
  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

PdPortalDb *
pd_portal_db_open (const char  *path,
                   GError     **error)
{
  g_autoptr(PdPortalDb) db = g_new0 (PdPortalDb, 1);
  char *errmsg = NULL;
  int fd;

  /* Create the file 0600 before SQLite opens it: it holds personal data. */
  fd = g_open (path, O_RDWR | O_CREAT, 0600);
  if (fd < 0)
    {
      g_set_error (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
                   "cannot open %s: %s", path, g_strerror (errno));
      return NULL;
    }
  close (fd);

  db->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  if (sqlite3_open_v2 (path, &db->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, error);
      return NULL;
    }
  sqlite3_busy_timeout (db->handle, 5000);
  if (sqlite3_exec (db->handle, schema_sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
                   "database schema: %s", errmsg);
      sqlite3_free (errmsg);
      return NULL;
    }

  return g_steal_pointer (&db);
}

void
pd_portal_db_free (PdPortalDb *db)
{
  if (db == NULL)
    return;
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close (db->handle);
  g_free (db);
}

static gboolean
exec_simple (PdPortalDb  *db,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, error);

  return stmt != NULL && step_done (db, stmt, error);
}

gboolean
pd_portal_db_begin (PdPortalDb  *db,
                    GError     **error)
{
  return exec_simple (db, "BEGIN IMMEDIATE", error);
}

gboolean
pd_portal_db_commit (PdPortalDb  *db,
                     GError     **error)
{
  return exec_simple (db, "COMMIT", error);
}

void
pd_portal_db_rollback (PdPortalDb *db)
{
  if (!sqlite3_get_autocommit (db->handle))
    exec_simple (db, "ROLLBACK", NULL);
}

gint64
pd_portal_db_current_seq (PdPortalDb *db)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT value FROM meta WHERE key = 'seq'", NULL);
  gint64 seq = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

gboolean
pd_portal_db_is_empty (PdPortalDb *db)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT count(*) FROM users", NULL);
  gboolean empty = TRUE;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return empty;
}

/* The wire form: the stored body plus the server-kept members. */
static JsonObject *
resource_from_row (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 4), -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  object = json_object_ref (json_node_get_object (root));
  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_int_member (object, "version", sqlite3_column_int64 (stmt, 1));
  json_object_set_int_member (object, "seq", sqlite3_column_int64 (stmt, 2));
  json_object_set_string_member (object, "updated_at", (const char *) sqlite3_column_text (stmt, 3));
  return object;
}

JsonObject *
pd_portal_db_get_resource (PdPortalDb  *db,
                           const char  *kind,
                           const char  *id,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object = NULL;
  int rc;

  stmt = prepare (db, "SELECT id, version, seq, updated_at, body FROM resources "
                      "WHERE kind = ?1 AND id = ?2", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    object = resource_from_row (stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such %s", kind);
  else
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  return object;
}

GPtrArray *
pd_portal_db_list_resources (PdPortalDb  *db,
                             const char  *kind,
                             const char  *employer_id,
                             const char  *person_id,
                             gint64       after_seq,
                             const char  *since_time,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT id, version, seq, updated_at, body FROM resources "
                      "WHERE kind = ?1 AND seq > ?2 "
                      "AND (?3 IS NULL OR employer_id = ?3) "
                      "AND (?4 IS NULL OR person_id = ?4) "
                      "AND (?5 IS NULL OR updated_at >= ?5) "
                      "ORDER BY seq LIMIT ?6", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, after_seq);
  bind_text (stmt, 3, employer_id);
  bind_text (stmt, 4, person_id);
  bind_text (stmt, 5, since_time);
  sqlite3_bind_int64 (stmt, 6, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *object = resource_from_row (stmt, error);

      if (object == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (items, object);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

static gint64
next_seq (PdPortalDb  *db,
          GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE meta SET value = value + 1 WHERE key = 'seq'", error);

  if (stmt == NULL || !step_done (db, stmt, error))
    return -1;
  return pd_portal_db_current_seq (db);
}

/* Stores a resource under a new change sequence number. expected_version < 0 creates
 * it; otherwise the stored version must match (G_IO_ERROR_WRONG_ETAG when stale).
 * Runs inside the caller's transaction. */
JsonObject *
pd_portal_db_put_resource (PdPortalDb  *db,
                           const char  *kind,
                           const char  *id,
                           const char  *employer_id,
                           const char  *person_id,
                           JsonObject  *body,
                           gint64       expected_version,
                           GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *now = pd_portal_now_rfc3339 ();
  sqlite3_stmt *stmt;
  gint64 seq;

  seq = next_seq (db, error);
  if (seq < 0)
    return NULL;

  if (expected_version < 0)
    stmt = prepare (db, "INSERT INTO resources (kind, id, employer_id, person_id, version, "
                        "seq, updated_at, body) VALUES (?1, ?2, ?3, ?4, 1, ?6, ?7, ?8)", error);
  else
    stmt = prepare (db, "UPDATE resources SET employer_id = ?3, person_id = ?4, "
                        "version = version + 1, seq = ?6, updated_at = ?7, body = ?8 "
                        "WHERE kind = ?1 AND id = ?2 AND version = ?5", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, id);
  bind_text (stmt, 3, employer_id);
  bind_text (stmt, 4, person_id);
  if (expected_version >= 0)
    sqlite3_bind_int64 (stmt, 5, expected_version);
  sqlite3_bind_int64 (stmt, 6, seq);
  bind_text (stmt, 7, now);
  bind_text (stmt, 8, text);
  if (!step_done (db, stmt, error))
    return NULL;
  if (sqlite3_changes (db->handle) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, "stale version");
      return NULL;
    }
  return pd_portal_db_get_resource (db, kind, id, error);
}

gboolean
pd_portal_db_add_user (PdPortalDb          *db,
                       const PdPortalUser  *user,
                       GBytes              *salt,
                       GBytes              *hash,
                       guint                iterations,
                       GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (db, "INSERT OR REPLACE INTO users (name, salt, hash, iterations, role, "
                      "employer_id, person_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user->name);
  bind_bytes (stmt, 2, salt);
  bind_bytes (stmt, 3, hash);
  sqlite3_bind_int64 (stmt, 4, iterations);
  bind_text (stmt, 5, user->role);
  bind_text (stmt, 6, user->employer_id);
  bind_text (stmt, 7, user->person_id);
  return step_done (db, stmt, error);
}

static PdPortalUser *
user_from_row (sqlite3_stmt *stmt,
               int           first)
{
  PdPortalUser *user = g_new0 (PdPortalUser, 1);

  user->name = column_text (stmt, first);
  user->role = column_text (stmt, first + 1);
  user->employer_id = column_text (stmt, first + 2);
  user->person_id = column_text (stmt, first + 3);
  return user;
}

/* Returns NULL without an error for an unknown user. */
PdPortalUser *
pd_portal_db_get_user (PdPortalDb  *db,
                       const char  *name,
                       GBytes     **salt,
                       GBytes     **hash,
                       guint       *iterations,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  PdPortalUser *user = NULL;
  int rc;

  stmt = prepare (db, "SELECT name, role, employer_id, person_id, salt, hash, iterations "
                      "FROM users WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      user = user_from_row (stmt, 0);
      *salt = column_bytes (stmt, 4);
      *hash = column_bytes (stmt, 5);
      *iterations = (guint) sqlite3_column_int64 (stmt, 6);
    }
  else if (rc != SQLITE_DONE)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  return user;
}

/* Inserts a token row (its hash, whom or what it is for, when it expires) after
 * deleting the rows of the same table expired more than @grace seconds ago, so
 * that the table stays small. */
static gboolean
add_token_row (PdPortalDb  *db,
               const char  *purge_sql,
               gint64       grace,
               const char  *insert_sql,
               GBytes      *token_hash,
               const char  *owner,
               gint64       expires_at,
               GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, purge_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC - grace);
  if (!step_done (db, stmt, error))
    return FALSE;

  stmt = prepare (db, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_bytes (stmt, 1, token_hash);
  bind_text (stmt, 2, owner);
  sqlite3_bind_int64 (stmt, 3, expires_at);
  return step_done (db, stmt, error);
}

gboolean
pd_portal_db_add_session (PdPortalDb  *db,
                          GBytes      *token_hash,
                          const char  *user,
                          gint64       expires_at,
                          GError     **error)
{
  return add_token_row (db, "DELETE FROM sessions WHERE expires_at < ?1", 86400,
                        "INSERT INTO sessions (token_hash, user, expires_at) VALUES (?1, ?2, ?3)",
                        token_hash, user, expires_at, error);
}

PdPortalUser *
pd_portal_db_lookup_session (PdPortalDb          *db,
                             GBytes              *token_hash,
                             gint64               now,
                             PdPortalTokenState  *state,
                             GError             **error)
{
  sqlite3_stmt *stmt;
  PdPortalUser *user = NULL;
  int rc;

  *state = PD_PORTAL_TOKEN_UNKNOWN;
  stmt = prepare (db, "SELECT u.name, u.role, u.employer_id, u.person_id, s.expires_at "
                      "FROM sessions s JOIN users u ON u.name = s.user "
                      "WHERE s.token_hash = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_bytes (stmt, 1, token_hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 4) <= now)
        *state = PD_PORTAL_TOKEN_EXPIRED;
      else
        {
          *state = PD_PORTAL_TOKEN_OK;
          user = user_from_row (stmt, 0);
        }
    }
  else if (rc != SQLITE_DONE)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  return user;
}

gboolean
pd_portal_db_delete_session (PdPortalDb  *db,
                             GBytes      *token_hash,
                             GError     **error)
{
  sqlite3_stmt *stmt = prepare (db, "DELETE FROM sessions WHERE token_hash = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_bytes (stmt, 1, token_hash);
  return step_done (db, stmt, error);
}

/* Returns FALSE without an error when the key was never used. */
gboolean
pd_portal_db_get_idempotent (PdPortalDb  *db,
                             const char  *user,
                             const char  *key,
                             char       **request_hash,
                             guint       *status,
                             char       **body,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  stmt = prepare (db, "SELECT request_hash, status, body FROM idempotency "
                      "WHERE user = ?1 AND key = ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user);
  bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *request_hash = column_text (stmt, 0);
      *status = (guint) sqlite3_column_int (stmt, 1);
      *body = column_text (stmt, 2);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  return found;
}

gboolean
pd_portal_db_put_idempotent (PdPortalDb  *db,
                             const char  *user,
                             const char  *key,
                             const char  *request_hash,
                             guint        status,
                             const char  *body,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare (db, "INSERT INTO idempotency (user, key, request_hash, status, body) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user);
  bind_text (stmt, 2, key);
  bind_text (stmt, 3, request_hash);
  sqlite3_bind_int (stmt, 4, (int) status);
  bind_text (stmt, 5, body);
  return step_done (db, stmt, error);
}

gboolean
pd_portal_db_add_online_token (PdPortalDb  *db,
                               GBytes      *token_hash,
                               const char  *permit_number,
                               gint64       expires_at,
                               GError     **error)
{
  return add_token_row (db, "DELETE FROM online_tokens WHERE expires_at < ?1", 3600,
                        "INSERT INTO online_tokens (token_hash, permit_number, expires_at) VALUES (?1, ?2, ?3)",
                        token_hash, permit_number, expires_at, error);
}

/* Why a token could not be used: it was already used, it expired, or it was never issued. */
static PdPortalTokenState
online_token_miss (PdPortalDb  *db,
                   GBytes      *token_hash,
                   gint64       now,
                   GError     **error)
{
  PdPortalTokenState state = PD_PORTAL_TOKEN_UNKNOWN;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT used, expires_at FROM online_tokens WHERE token_hash = ?1", error);
  if (stmt == NULL)
    return PD_PORTAL_TOKEN_UNKNOWN;
  bind_bytes (stmt, 1, token_hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state = sqlite3_column_int (stmt, 0) != 0 ? PD_PORTAL_TOKEN_USED
          : sqlite3_column_int64 (stmt, 1) <= now ? PD_PORTAL_TOKEN_EXPIRED
          : PD_PORTAL_TOKEN_UNKNOWN;
  else if (rc != SQLITE_DONE)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  return state;
}

/* A token works once: the first use marks it, whatever the outcome after. Marking and
 * checking are one statement, so two verifiers racing on one token (even through two
 * connections to the same file) cannot both see it unused. */
PdPortalTokenState
pd_portal_db_use_online_token (PdPortalDb  *db,
                               GBytes      *token_hash,
                               gint64       now,
                               char       **permit_number,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "UPDATE online_tokens SET used = 1 "
                      "WHERE token_hash = ?1 AND used = 0 AND expires_at > ?2 "
                      "RETURNING permit_number", error);
  if (stmt == NULL)
    return PD_PORTAL_TOKEN_UNKNOWN;
  bind_bytes (stmt, 1, token_hash);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *permit_number = column_text (stmt, 0);
      /* Step to the end so the UPDATE is complete before the statement is reset. */
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          g_clear_pointer (permit_number, g_free);
          set_sqlite_error (db, error);
          return PD_PORTAL_TOKEN_UNKNOWN;
        }
      return PD_PORTAL_TOKEN_OK;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, error);
      return PD_PORTAL_TOKEN_UNKNOWN;
    }
  return online_token_miss (db, token_hash, now, error);
}

static JsonObject *
document_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (object, "case_id", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (object, "name", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (object, "content_type", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_int_member (object, "size", sqlite3_column_int64 (stmt, 4));
  json_object_set_string_member (object, "sha256", (const char *) sqlite3_column_text (stmt, 5));
  json_object_set_string_member (object, "created_at", (const char *) sqlite3_column_text (stmt, 6));
  return object;
}

JsonObject *
pd_portal_db_add_document (PdPortalDb  *db,
                           const char  *case_id,
                           const char  *name,
                           const char  *content_type,
                           GBytes      *data,
                           const char  *sha256,
                           GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = pd_portal_now_rfc3339 ();
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = prepare (db, "INSERT INTO documents (id, case_id, name, content_type, size, sha256, "
                      "created_at, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  bind_text (stmt, 2, case_id);
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, content_type);
  sqlite3_bind_int64 (stmt, 5, (gint64) g_bytes_get_size (data));
  bind_text (stmt, 6, sha256);
  bind_text (stmt, 7, now);
  bind_bytes (stmt, 8, data);
  if (!step_done (db, stmt, error))
    return NULL;

  object = json_object_new ();
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "case_id", case_id);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "content_type", content_type);
  json_object_set_int_member (object, "size", (gint64) g_bytes_get_size (data));
  json_object_set_string_member (object, "sha256", sha256);
  json_object_set_string_member (object, "created_at", now);
  return object;
}

GPtrArray *
pd_portal_db_list_documents (PdPortalDb  *db,
                             const char  *case_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT id, case_id, name, content_type, size, sha256, created_at "
                      "FROM documents WHERE case_id = ?1 ORDER BY created_at, id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, document_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}
