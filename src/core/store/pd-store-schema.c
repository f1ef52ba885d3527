/* pd-store-schema.c: the versioned schema of the PermitDesk database
 *
 * The schema version is SQLite's user_version. Each step below takes a database
 * from version N to N + 1 and sets user_version itself; steps are only ever
 * appended, never edited, so every older file can be brought forward.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-store.h"
#include "pd-store-schema.h"

static const char * const migrations[] = {
  /* 1: the first schema. Enumerations are stored as their nick, dates as
   * YYYY-MM-DD, timestamps as ISO 8601 in UTC. */
  "PRAGMA application_id = 1346652977;"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"
  "CREATE TABLE employers ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT,"
  "  name_en TEXT,"
  "  uscc TEXT,"
  "  city TEXT"
  ");"
  "CREATE TABLE persons ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  name_zh TEXT,"
  "  name_latin TEXT,"
  "  nationality TEXT,"
  "  passport_number TEXT,"
  "  date_of_birth TEXT,"
  "  email TEXT"
  ");"
  "CREATE TABLE permits ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  number TEXT,"
  "  category TEXT NOT NULL,"
  "  valid_from TEXT,"
  "  valid_until TEXT,"
  "  status TEXT NOT NULL"
  ");"
  "CREATE TABLE cases ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  city TEXT,"
  "  category TEXT NOT NULL,"
  "  person_id TEXT NOT NULL REFERENCES persons (id),"
  "  employer_id TEXT REFERENCES employers (id),"
  "  permit_id TEXT REFERENCES permits (id),"
  "  legacy_card INTEGER NOT NULL DEFAULT 0,"
  "  submitted_on TEXT,"
  "  next_deadline TEXT,"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  is_demo INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE documents ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT,"
  "  title TEXT,"
  "  state TEXT NOT NULL,"
  "  authentication TEXT NOT NULL,"
  "  file_path TEXT,"
  "  sha256 TEXT,"
  "  expires_on TEXT"
  ");"
  "CREATE TABLE filings ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  city TEXT,"
  "  office TEXT,"
  "  appointment TEXT,"
  "  done INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT"
  ");"
  "INSERT INTO meta (key, value) VALUES ('application', 'permitdesk');"
  "PRAGMA user_version = 1;",

  /* 2: portal sync (the portal's id and version of a case), and indexes for the
   * lookups every save and load makes. */
  "ALTER TABLE cases ADD COLUMN remote_id TEXT;"
  "ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
  "CREATE UNIQUE INDEX cases_remote_id ON cases (remote_id) WHERE remote_id IS NOT NULL;"
  "CREATE INDEX cases_person ON cases (person_id);"
  "CREATE INDEX cases_permit ON cases (permit_id);"
  "CREATE INDEX documents_case ON documents (case_id, position);"
  "CREATE INDEX filings_case ON filings (case_id, position);"
  "PRAGMA user_version = 2;",

  /* 3: the officers' audit log (src/core/verify/pd-audit-log.c): append-only, each
   * row hash-chained to the one before, so a deleted or altered row is detected. */
  "CREATE TABLE audit_log ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  time      TEXT NOT NULL,"
  "  operator  TEXT NOT NULL,"
  "  source    TEXT NOT NULL,"
  "  code_hash TEXT NOT NULL,"
  "  verdict   TEXT NOT NULL,"
  "  reason    TEXT NOT NULL,"
  "  payload   TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  row_hash  TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_log_time ON audit_log (time);"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
  "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
  "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "PRAGMA user_version = 3;",

  /* 4: the history of each case, for its timeline. No foreign key: the history
   * of a deleted case stays, so that undoing the delete brings it back whole. */
  "CREATE TABLE case_events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  from_status TEXT,"
  "  status TEXT NOT NULL"
  ");"
  "CREATE INDEX case_events_case ON case_events (case_id, id);"
  "PRAGMA user_version = 4;",

  /* 5: portal sync (src/core/portal/pd-sync-*.c). `outbox` holds local edits not yet
   * confirmed by the portal, in order, written in the same transaction as the edit;
   * `sync_records` holds the portal's last known state of each record, for the
   * version to send in If-Match, the local id of a portal id, and the members the
   * local model does not keep. */
  "CREATE TABLE outbox ("
  "  seq          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  key          TEXT NOT NULL UNIQUE,"
  "  op           TEXT NOT NULL,"
  "  kind         TEXT NOT NULL,"
  "  local_id     TEXT NOT NULL,"
  "  case_id      TEXT NOT NULL,"
  "  base_version INTEGER NOT NULL,"
  "  payload      TEXT NOT NULL,"
  "  created_at   TEXT NOT NULL,"
  "  state        TEXT NOT NULL DEFAULT 'pending',"
  "  attempts     INTEGER NOT NULL DEFAULT 0,"
  "  server_json  TEXT,"
  "  message      TEXT"
  ");"
  "CREATE INDEX outbox_record ON outbox (kind, local_id);"
  "CREATE TABLE sync_records ("
  "  kind      TEXT NOT NULL,"
  "  local_id  TEXT NOT NULL,"
  "  remote_id TEXT NOT NULL,"
  "  version   INTEGER NOT NULL,"
  "  json      TEXT NOT NULL,"
  "  PRIMARY KEY (kind, local_id)"
  ");"
  "CREATE UNIQUE INDEX sync_records_remote ON sync_records (kind, remote_id);"
  "PRAGMA user_version = 5;",
};

guint
pd_store_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
get_user_version (sqlite3 *db,
                  guint   *version)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *version = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
apply_step (sqlite3  *db,
            guint     from_version,
            GError  **error)
{
  guint version = 0;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    goto failed;

  if (sqlite3_exec (db, migrations[from_version], NULL, NULL, NULL) != SQLITE_OK ||
      !get_user_version (db, &version) || version != from_version + 1 ||
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("Could not update the database “%s” to format %u: %s. It was left as it was."),
                   sqlite3_db_filename (db, "main"), from_version + 1, sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;

failed:
  g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
               _("Could not update the database “%s”: %s"),
               sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
  return FALSE;
}

/* Brings @db from its version up to @target_version, one transaction per step:
 * an interrupted migration leaves the file at the last completed version. */
gboolean
pd_store_schema_migrate (sqlite3  *db,
                         guint     target_version,
                         GError  **error)
{
  guint version = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version <= G_N_ELEMENTS (migrations), FALSE);

  if (!get_user_version (db, &version))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT,
                   _("Could not read the format of the database “%s”: %s"),
                   sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
      return FALSE;
    }

  if (version > G_N_ELEMENTS (migrations))
    {
      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of PermitDesk (format %u; "
                     "this version knows formats up to %u). It was left untouched: update "
                     "PermitDesk to open it."),
                   sqlite3_db_filename (db, "main"), version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (; version < target_version; version++)
    {
      if (!apply_step (db, version, error))
        return FALSE;
      g_debug ("Database updated to format %u", version + 1);
    }

  return TRUE;
}
