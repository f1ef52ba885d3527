/* pd-store.c: the cases on disk, in an SQLite database
 *
 * One file holds every case with its person, employer, permit, documents and
 * filings. A save is one transaction: either all of a case is on disk or none of
 * it. A file that is not ours is never written to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-core.h"
#include "pd-enum-types.h"
#include "pd-model-private.h"
#include "pd-model.h"
#include "pd-store-private.h"
#include "pd-store-row.h"
#include "pd-store-schema.h"
#include "pd-store-load.h"

#define BUSY_TIMEOUT_MS   5000
#define SQLITE_HEADER_LEN 100

struct _PdStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text -> prepared sqlite3_stmt */
  PdCaseList *cases;

  PdStoreChangeHook change_hook;
  gpointer          change_hook_data;
};

G_DEFINE_FINAL_TYPE (PdStore, pd_store, G_TYPE_OBJECT)

enum {
  CASES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (pd-store-error-quark, pd_store_error)

static const char SQL_UPSERT_PERSON[] =
  "INSERT INTO persons (id, name_zh, name_latin, nationality, passport_number, date_of_birth, email)"
  " VALUES (:id, :name_zh, :name_latin, :nationality, :passport_number, :date_of_birth, :email)"
  " ON CONFLICT (id) DO UPDATE SET name_zh = excluded.name_zh, name_latin = excluded.name_latin,"
  " nationality = excluded.nationality, passport_number = excluded.passport_number,"
  " date_of_birth = excluded.date_of_birth, email = excluded.email";

static const char SQL_UPSERT_EMPLOYER[] =
  "INSERT INTO employers (id, name, name_en, uscc, city) VALUES (:id, :name, :name_en, :uscc, :city)"
  " ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,"
  " uscc = excluded.uscc, city = excluded.city";

static const char SQL_UPSERT_PERMIT[] =
  "INSERT INTO permits (id, number, category, valid_from, valid_until, status)"
  " VALUES (:id, :number, :category, :valid_from, :valid_until, :status)"
  " ON CONFLICT (id) DO UPDATE SET number = excluded.number, category = excluded.category,"
  " valid_from = excluded.valid_from, valid_until = excluded.valid_until, status = excluded.status";

static const char SQL_UPSERT_CASE[] =
  "INSERT INTO cases (id, kind, status, city, category, person_id, employer_id, permit_id,"
  " legacy_card, submitted_on, next_deadline, notes, remote_id, version, created_at, updated_at, is_demo)"
  " VALUES (:id, :kind, :status, :city, :category, :person_id, :employer_id, :permit_id,"
  " :legacy_card, :submitted_on, :next_deadline, :notes, :remote_id, :version, :created_at,"
  " :updated_at, :is_demo)"
  " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status,"
  " city = excluded.city, category = excluded.category, person_id = excluded.person_id,"
  " employer_id = excluded.employer_id, permit_id = excluded.permit_id,"
  " legacy_card = excluded.legacy_card, submitted_on = excluded.submitted_on,"
  " next_deadline = excluded.next_deadline, notes = excluded.notes, remote_id = excluded.remote_id,"
  " version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at,"
  " is_demo = excluded.is_demo";

static const char SQL_SELECT_CASE_REFS[] =
  "SELECT person_id, permit_id, status FROM cases WHERE id = :id";

static const char SQL_INSERT_EVENT[] =
  "INSERT INTO case_events (case_id, kind, at, from_status, status)"
  " VALUES (:case_id, :kind, :at, :from_status, :status)";

static const char SQL_DELETE_CASE[] =
  "DELETE FROM cases WHERE id = :id";

static const char SQL_DELETE_ORPHAN_PERSON[] =
  "DELETE FROM persons WHERE id = :id AND NOT EXISTS (SELECT 1 FROM cases WHERE person_id = :id)";

static const char SQL_DELETE_ORPHAN_PERMIT[] =
  "DELETE FROM permits WHERE id = :id AND NOT EXISTS (SELECT 1 FROM cases WHERE permit_id = :id)";

static const char SQL_DELETE_DOCUMENTS[] =
  "DELETE FROM documents WHERE case_id = :case_id";

static const char SQL_INSERT_DOCUMENT[] =
  "INSERT INTO documents (id, case_id, position, kind, title, state, authentication, file_path,"
  " sha256, expires_on) VALUES (:id, :case_id, :position, :kind, :title, :state, :authentication,"
  " :file_path, :sha256, :expires_on)";

static const char SQL_DELETE_FILINGS[] =
  "DELETE FROM filings WHERE case_id = :case_id";

static const char SQL_INSERT_FILING[] =
  "INSERT INTO filings (id, case_id, position, city, office, appointment, done, notes)"
  " VALUES (:id, :case_id, :position, :city, :office, :appointment, :done, :notes)";

static const char SQL_SELECT_META[] =
  "SELECT value FROM meta WHERE key = :key";

static const char SQL_UPSERT_META[] =
  "INSERT INTO meta (key, value) VALUES (:key, :value)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

static const char SQL_IS_EMPTY[] =
  "SELECT NOT EXISTS (SELECT 1 FROM cases) AND NOT EXISTS (SELECT 1 FROM persons)"
  " AND NOT EXISTS (SELECT 1 FROM employers)";

static void
set_sqlite_error (PdStore  *self,
                  GError  **error)
{
  int code = sqlite3_errcode (self->db);

  g_set_error (error, PD_STORE_ERROR,
               (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? PD_STORE_ERROR_CORRUPT : PD_STORE_ERROR_FAILED,
               _("The database “%s” reported an error: %s"), self->path, sqlite3_errmsg (self->db));
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pd_store_finalize (GObject *object)
{
  PdStore *self = (PdStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pd_store_parent_class)->finalize (object);
}

static void
pd_store_class_init (PdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_store_finalize;

  /**
   * PdStore::cases-changed:
   *
   * Emitted after cases were saved or deleted: listed cases may have changed in
   * place, so views that filter or sort them look again.
   */
  signals[CASES_CHANGED] = g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_store_init (PdStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->cases = pd_case_list_new ();
}

/* ---- statements and transactions, shared with other core modules ---- */

sqlite3 *
pd_store_get_db (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return self->db;
}

/* A prepared statement for @sql, cached for the life of the store, reset and with
 * no bindings. @sql is fixed text with named parameters, never built from data. */
sqlite3_stmt *
pd_store_prepare (PdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          set_sqlite_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement that returns no rows, and resets it. */
gboolean
pd_store_step (PdStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    set_sqlite_error (self, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static gboolean
exec_sql (PdStore     *self,
          const char  *sql,
          GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (self, sql, error);

  return stmt != NULL && pd_store_step (self, stmt, error);
}

/* IMMEDIATE: take the write lock now, so a transaction never fails half-way
 * because another connection started writing. */
gboolean
pd_store_begin (PdStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return exec_sql (self, "BEGIN IMMEDIATE", error);
}

gboolean
pd_store_commit (PdStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  return exec_sql (self, "COMMIT", error);
}

void
pd_store_rollback (PdStore *self)
{
  g_return_if_fail (PD_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- opening ---- */

static void
set_corrupt_error (const char  *path,
                   GError     **error)
{
  g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT,
               _("The file “%s” is damaged or is not a PermitDesk database, so it was not opened. "
                 "It was left untouched: restore it from a backup, or move it elsewhere to start "
                 "with an empty database."),
               path);
}

static void
set_foreign_error (const char  *path,
                   GError     **error)
{
  g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FOREIGN,
               _("The file “%s” is a database of another program, not of PermitDesk, so it was not "
                 "opened. It was left untouched: choose another file, or move it elsewhere to start "
                 "with an empty database."),
               path);
}

static void
set_errno_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not open the database “%s”: %s"), path, g_strerror (saved_errno));
}

/* Creates a missing file readable by its owner only, before SQLite sees it, and
 * checks that an existing one at least starts like an SQLite database. */
static gboolean
check_file (const char  *path,
            GError     **error)
{
  char header[SQLITE_HEADER_LEN];
  struct stat st;
  gssize n_read;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno == ENOENT)
    {
      fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          set_errno_error (path, errno, error);
          return FALSE;
        }
      close (fd);
      return TRUE;
    }
  if (fd < 0)
    {
      set_errno_error (path, errno, error);
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      set_foreign_error (path, error);
      return FALSE;
    }

  n_read = read (fd, header, sizeof header);
  close (fd);

  if (st.st_size == 0)
    return TRUE;

  if (n_read != SQLITE_HEADER_LEN || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_corrupt_error (path, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
quick_check_passes (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  ok = sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0 &&
       sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

/* Reads, never writes: decides whether the file is ours, empty, foreign or too
 * new before anything is changed, and gives its format. */
static gboolean
inspect_database (PdStore  *self,
                  gint64   *format,
                  GError  **error)
{
  gint64 application_id = 0;
  gint64 version = 0;
  gint64 n_objects = 0;

  if (!query_int (self->db, "PRAGMA application_id", &application_id) ||
      !query_int (self->db, "PRAGMA user_version", &version) ||
      !query_int (self->db, "SELECT count(*) FROM sqlite_master", &n_objects))
    {
      g_debug ("Cannot read the database header: %s", sqlite3_errmsg (self->db));
      set_corrupt_error (self->path, error);
      return FALSE;
    }

  if (application_id != PD_STORE_APPLICATION_ID)
    {
      if (application_id == 0 && version == 0 && n_objects == 0)
        return TRUE;

      set_foreign_error (self->path, error);
      return FALSE;
    }

  if (version > pd_store_schema_get_latest_version ())
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of PermitDesk (format %u; "
                     "this version knows formats up to %u). It was left untouched: update "
                     "PermitDesk to open it."),
                   self->path, (guint) version, pd_store_schema_get_latest_version ());
      return FALSE;
    }

  *format = version;
  return TRUE;
}

/* PRAGMA quick_check reads the whole file (a quarter of a second for 100,000
 * cases), so it runs on its own read-only connection in a thread while the
 * cases load; it still passes before anything is written. */
static gpointer
quick_check_thread (gpointer data)
{
  const char *path = data;
  sqlite3 *db = NULL;
  gboolean ok;

  ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      ok = quick_check_passes (db);
      if (!ok)
        g_debug ("The database fails its quick check: %s", sqlite3_errmsg (db));
    }
  sqlite3_close (db);
  return GINT_TO_POINTER (ok);
}

/* Personal data: owner only, even if the file was copied in with looser rights. */
static gboolean
restrict_permissions (PdStore  *self,
                      GError  **error)
{
  struct stat st;

  if (g_stat (self->path, &st) != 0 || ((st.st_mode & 0077) != 0 && g_chmod (self->path, 0600) != 0))
    {
      set_errno_error (self->path, errno, error);
      return FALSE;
    }

  return TRUE;
}

/* WAL lets the UI read while a save is written. synchronous=FULL syncs the WAL at
 * every commit: a case the UI reported as saved survives a crash or power loss,
 * which NORMAL does not promise in WAL mode. Saves are rare, so speed costs little. */
static gboolean
configure_connection (PdStore  *self,
                      GError  **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean load_cases (PdStore  *self,
                            GError  **error);

static gboolean
open_database (PdStore  *self,
               GError  **error)
{
  g_autoptr(GError) load_error = NULL;
  gint64 format = 0;
  GThread *checker;
  gboolean loaded;

  if (!check_file (self->path, error))
    return FALSE;

  /* The connection is only ever used from the main thread (the quick check has
   * its own): no mutex around every call, which was a tenth of reading 100,000
   * cases at open. */
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      return FALSE;
    }

  /* Until the file is known to be ours, closing must not even checkpoint a WAL
   * that a foreign program left behind. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (!inspect_database (self, &format, error))
    return FALSE;

  /* A file in the latest format is read while it is checked; an older one is
   * checked before the migration writes to it. */
  checker = g_thread_new ("pd-store-check", quick_check_thread, self->path);
  loaded = format == pd_store_schema_get_latest_version () && load_cases (self, &load_error);
  if (!GPOINTER_TO_INT (g_thread_join (checker)))
    {
      set_corrupt_error (self->path, error);
      return FALSE;
    }
  if (load_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  return restrict_permissions (self, error) &&
         configure_connection (self, error) &&
         pd_store_schema_migrate (self->db, pd_store_schema_get_latest_version (), error) &&
         (loaded || load_cases (self, error));
}

/* Opens (or creates) the database at @path, or at the default place in the data
 * folder when @path is NULL, and loads every case. */
PdStore *
pd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(PdStore) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PD_TYPE_STORE, NULL);
  if (path != NULL)
    {
      self->path = g_strdup (path);
    }
  else
    {
      if (!pd_core_ensure_data_dir (error))
        return NULL;
      self->path = g_build_filename (pd_core_get_data_dir (), "permitdesk.db", NULL);
    }

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
pd_store_get_path (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return self->path;
}

/* Every case (a PdCaseList of PdCase), by next deadline then name. */
GListModel *
pd_store_get_cases (PdStore *self)
{
  g_return_val_if_fail (PD_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->cases);
}

gboolean
pd_store_is_empty (PdStore *self)
{
  sqlite3_stmt *stmt;
  gboolean empty;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);

  stmt = pd_store_prepare (self, SQL_IS_EMPTY, NULL);
  if (stmt == NULL)
    return FALSE;

  empty = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return empty;
}

/* ---- loading ---- */

static gboolean
load_cases (PdStore  *self,
            GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (pd_store_load_all (self, self->cases, &local_error))
    return TRUE;

  /* A dangling reference or an unreadable value: the file was damaged. */
  if (g_error_matches (local_error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT))
    g_prefix_error (&local_error, _("“%s”: "), self->path);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- saving ---- */

static gboolean
upsert_object (PdStore     *self,
               const char  *sql,
               GObject     *object,
               GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (!pd_store_row_bind_object (stmt, object))
    {
      set_sqlite_error (self, error);
      return FALSE;
    }

  return pd_store_step (self, stmt, error);
}

/* The person and permit the stored case points to (NULL when it is not stored). */
static gboolean
read_case_refs (PdStore     *self,
                const char  *id,
                char       **person_id,
                char       **permit_id,
                char       **status,
                GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (self, SQL_SELECT_CASE_REFS, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  pd_store_row_bind_text (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *person_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *permit_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (status != NULL)
        *status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* A person or permit no case refers to any more is removed: it is personal data
 * the user no longer sees. Employers are kept as a directory. */
static gboolean
delete_if_orphan (PdStore     *self,
                  const char  *sql,
                  const char  *old_id,
                  const char  *new_id,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (old_id == NULL || g_strcmp0 (old_id, new_id) == 0)
    return TRUE;

  stmt = pd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  pd_store_row_bind_text (stmt, ":id", old_id);
  return pd_store_step (self, stmt, error);
}

/* Rewrites the documents or filings of a case, keeping their order. */
static gboolean
write_children (PdStore     *self,
                const char  *delete_sql,
                const char  *insert_sql,
                const char  *case_id,
                GListModel  *children,
                GError     **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (self, delete_sql, error);
  guint n_children = g_list_model_get_n_items (children);

  if (stmt == NULL)
    return FALSE;

  pd_store_row_bind_text (stmt, ":case_id", case_id);
  if (!pd_store_step (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_children; i++)
    {
      g_autoptr(GObject) child = g_list_model_get_item (children, i);

      stmt = pd_store_prepare (self, insert_sql, error);
      if (stmt == NULL)
        return FALSE;

      if (!pd_store_row_bind_object (stmt, child) ||
          !pd_store_row_bind_text (stmt, ":case_id", case_id) ||
          !pd_store_row_bind_int (stmt, ":position", i))
        {
          set_sqlite_error (self, error);
          return FALSE;
        }
      if (!pd_store_step (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static const char *
employer_id (PdEmployer *employer)
{
  return employer != NULL ? pd_employer_get_id (employer) : NULL;
}

static const char *
permit_id (PdPermit *permit)
{
  return permit != NULL ? pd_permit_get_id (permit) : NULL;
}

static gboolean
write_case_row (PdStore    *self,
                PdCase     *item,
                GDateTime  *now,
                GError    **error)
{
  sqlite3_stmt *stmt = pd_store_prepare (self, SQL_UPSERT_CASE, error);

  if (stmt == NULL)
    return FALSE;

  if (!pd_store_row_bind_object (stmt, G_OBJECT (item)) ||
      !pd_store_row_bind_text (stmt, ":person_id", pd_person_get_id (pd_case_get_person (item))) ||
      !pd_store_row_bind_text (stmt, ":employer_id", employer_id (pd_case_get_employer (item))) ||
      !pd_store_row_bind_text (stmt, ":permit_id", permit_id (pd_case_get_permit (item))) ||
      !pd_store_row_bind_date_time (stmt, ":updated_at", now))
    {
      set_sqlite_error (self, error);
      return FALSE;
    }

  return pd_store_step (self, stmt, error);
}

static const char *
status_nick (PdCaseStatus status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PD_TYPE_CASE_STATUS);

  return g_enum_get_value (klass, status)->value_nick;
}

/* A new case and every change of status go into the case's history, in the
 * transaction of the save. */
static gboolean
record_event (PdStore     *self,
              PdCase      *item,
              gboolean     stored,
              const char  *old_status,
              GDateTime   *now,
              GError     **error)
{
  const char *status = status_nick (pd_case_get_status (item));
  sqlite3_stmt *stmt;

  if (stored && g_strcmp0 (old_status, status) == 0)
    return TRUE;

  stmt = pd_store_prepare (self, SQL_INSERT_EVENT, error);
  if (stmt == NULL)
    return FALSE;

  if (!pd_store_row_bind_text (stmt, ":case_id", pd_case_get_id (item)) ||
      !pd_store_row_bind_text (stmt, ":kind", stored ? "status-changed" : "created") ||
      !pd_store_row_bind_date_time (stmt, ":at", now) ||
      !pd_store_row_bind_text (stmt, ":from_status", stored ? old_status : NULL) ||
      !pd_store_row_bind_text (stmt, ":status", status))
    {
      set_sqlite_error (self, error);
      return FALSE;
    }

  return pd_store_step (self, stmt, error);
}

static gboolean
write_case (PdStore    *self,
            PdCase     *item,
            GDateTime  *now,
            GError    **error)
{
  const char *id = pd_case_get_id (item);
  GListModel *documents = pd_case_get_documents (item);
  GListModel *filings = pd_case_get_filings (item);
  PdPerson *person = pd_case_get_person (item);
  PdEmployer *employer = pd_case_get_employer (item);
  PdPermit *permit = pd_case_get_permit (item);
  g_autofree char *old_person_id = NULL;
  g_autofree char *old_permit_id = NULL;
  g_autofree char *old_status = NULL;

  /* Lists that could not be read would look empty and delete what they hold. */
  if (!pd_case_lists_loaded (item))
    {
      g_set_error_literal (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT,
                           _("The documents and filings of this case could not be read, so the "
                             "case was not saved and nothing was changed. Restart PermitDesk; if "
                             "this keeps happening, restore the database from a backup."));
      return FALSE;
    }

  return read_case_refs (self, id, &old_person_id, &old_permit_id, &old_status, error) &&
         upsert_object (self, SQL_UPSERT_PERSON, G_OBJECT (person), error) &&
         (employer == NULL || upsert_object (self, SQL_UPSERT_EMPLOYER, G_OBJECT (employer), error)) &&
         (permit == NULL || upsert_object (self, SQL_UPSERT_PERMIT, G_OBJECT (permit), error)) &&
         write_case_row (self, item, now, error) &&
         record_event (self, item, old_person_id != NULL, old_status, now, error) &&
         delete_if_orphan (self, SQL_DELETE_ORPHAN_PERSON, old_person_id, pd_person_get_id (person), error) &&
         delete_if_orphan (self, SQL_DELETE_ORPHAN_PERMIT, old_permit_id, permit_id (permit), error) &&
         write_children (self, SQL_DELETE_DOCUMENTS, SQL_INSERT_DOCUMENT, id, documents, error) &&
         write_children (self, SQL_DELETE_FILINGS, SQL_INSERT_FILING, id, filings, error);
}

/* A new case joins the list at its sorted place; a saved copy of a listed case
 * is applied to the listed object, which keeps its identity and place. */
static void
update_list (PdStore *self,
             PdCase  *item)
{
  PdCase *listed = pd_case_list_lookup (self->cases, pd_case_get_id (item));

  if (listed == NULL)
    pd_case_list_insert_sorted (self->cases, item, pd_case_compare_by_deadline, NULL);
  else if (listed != item)
    pd_case_apply (listed, item);
}

static gboolean
run_change_hook (PdStore        *self,
                 PdCase         *item,
                 PdStoreChange   change,
                 GError        **error)
{
  return self->change_hook == NULL ||
         self->change_hook (self, item, change, self->change_hook_data, error);
}

/* Validates, then writes @items with everything they hold in one transaction.
 * On failure nothing was written and @error says why. */
gboolean
pd_store_save_cases (PdStore  *self,
                     PdCase  **items,
                     guint     n_items,
                     GError  **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_return_val_if_fail (PD_IS_CASE (items[i]), FALSE);
      if (!pd_case_validate (items[i], error))
        return FALSE;
    }

  now = g_date_time_new_now_utc ();
  if (!pd_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      if (!run_change_hook (self, items[i], PD_STORE_CHANGE_SAVE, error) ||
          !write_case (self, items[i], now, error))
        {
          pd_store_rollback (self);
          g_prefix_error (error, _("The case was not saved. "));
          return FALSE;
        }
    }

  if (!pd_store_commit (self, error))
    {
      pd_store_rollback (self);
      g_prefix_error (error, _("The case was not saved. "));
      return FALSE;
    }

  for (guint i = 0; i < n_items; i++)
    {
      pd_case_set_updated_at (items[i], now);
      update_list (self, items[i]);
    }
  g_signal_emit (self, signals[CASES_CHANGED], 0);

  return TRUE;
}

gboolean
pd_store_save_case (PdStore  *self,
                    PdCase   *item,
                    GError  **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_CASE (item), FALSE);

  return pd_store_save_cases (self, &item, 1, error);
}

static gboolean
delete_case_rows (PdStore     *self,
                  const char  *id,
                  GError     **error)
{
  g_autofree char *person_id = NULL;
  g_autofree char *old_permit_id = NULL;
  sqlite3_stmt *stmt;

  if (!read_case_refs (self, id, &person_id, &old_permit_id, NULL, error))
    return FALSE;

  stmt = pd_store_prepare (self, SQL_DELETE_CASE, error);
  if (stmt == NULL)
    return FALSE;
  pd_store_row_bind_text (stmt, ":id", id);

  return pd_store_step (self, stmt, error) &&
         delete_if_orphan (self, SQL_DELETE_ORPHAN_PERSON, person_id, NULL, error) &&
         delete_if_orphan (self, SQL_DELETE_ORPHAN_PERMIT, old_permit_id, NULL, error);
}

/* Removes the case from the file and the list. The object itself is untouched:
 * saving it again restores it, which is how undo works. */
gboolean
pd_store_delete_case (PdStore  *self,
                      PdCase   *item,
                      GError  **error)
{
  PdCase *listed;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (PD_IS_CASE (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pd_store_begin (self, error))
    return FALSE;

  if (!run_change_hook (self, item, PD_STORE_CHANGE_DELETE, error) ||
      !delete_case_rows (self, pd_case_get_id (item), error) || !pd_store_commit (self, error))
    {
      pd_store_rollback (self);
      g_prefix_error (error, _("The case was not deleted. "));
      return FALSE;
    }

  listed = pd_case_list_lookup (self->cases, pd_case_get_id (item));
  if (listed != NULL)
    pd_case_list_remove (self->cases, listed);
  g_signal_emit (self, signals[CASES_CHANGED], 0);

  return TRUE;
}

/* ---- the portal's side, for the sync engine ---- */

void
pd_store_set_change_hook (PdStore           *self,
                          PdStoreChangeHook  hook,
                          gpointer           user_data)
{
  g_return_if_fail (PD_IS_STORE (self));

  self->change_hook = hook;
  self->change_hook_data = user_data;
}

gboolean
pd_store_write_remote_cases (PdStore  *self,
                             PdCase  **items,
                             guint     n_items,
                             GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      if (!write_case (self, items[i], now, error))
        return FALSE;
    }
  return TRUE;
}

void
pd_store_publish_cases (PdStore  *self,
                        PdCase  **items,
                        guint     n_items)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_if_fail (PD_IS_STORE (self));

  for (guint i = 0; i < n_items; i++)
    {
      pd_case_set_updated_at (items[i], now);
      update_list (self, items[i]);
    }
}

/* The value stored under @key in the meta table, or NULL. */
char *
pd_store_get_meta (PdStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = pd_store_prepare (self, SQL_SELECT_META, NULL);
  if (stmt == NULL)
    return NULL;
  pd_store_row_bind_text (stmt, ":key", key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
pd_store_set_meta (PdStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = pd_store_prepare (self, SQL_UPSERT_META, error);
  if (stmt == NULL)
    return FALSE;
  pd_store_row_bind_text (stmt, ":key", key);
  pd_store_row_bind_text (stmt, ":value", value);
  return pd_store_step (self, stmt, error);
}
