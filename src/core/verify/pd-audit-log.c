/* pd-audit-log.c: append-only, hash-chained log of verifications (SQLite)
 *
 * Each row stores the SHA-256 of the previous row's hash and its own content, so
 * altering a row breaks its hash and deleting one breaks the next row's link. Row
 * ids come from AUTOINCREMENT and are never reused: a gap, or a sequence ahead of
 * the last row, shows deleted rows even at the end. Triggers refuse UPDATE and
 * DELETE through SQLite; the chain catches edits made around them.
 *
 * Of the code itself only its SHA-256 is kept unless store-payload is set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-audit-log.h"
#include "pd-core.h"
#include "pd-csv.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define N_CONTENT_COLUMNS 8


struct _PdAuditLog
{
  GObject   parent_instance;

  sqlite3  *db;
  gboolean  store_payload;
};

G_DEFINE_FINAL_TYPE (PdAuditLog, pd_audit_log, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-audit-error-quark, pd_audit_error)

enum {
  PROP_0,
  PROP_STORE_PAYLOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
pd_audit_log_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdAuditLog *self = PD_AUDIT_LOG (object);

  switch (prop_id)
    {
    case PROP_STORE_PAYLOAD:
      g_value_set_boolean (value, self->store_payload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_audit_log_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PdAuditLog *self = PD_AUDIT_LOG (object);

  switch (prop_id)
    {
    case PROP_STORE_PAYLOAD:
      pd_audit_log_set_store_payload (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_audit_log_class_init (PdAuditLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pd_audit_log_get_property;
  object_class->set_property = pd_audit_log_set_property;

  /* Keep the code text too (the officer's opt-in); off by default. */
  properties[PROP_STORE_PAYLOAD] =
    g_param_spec_boolean ("store-payload", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_audit_log_init (PdAuditLog *self)
{
}

/**
 * pd_audit_log_new:
 * @db: the open PermitDesk database (its audit_log table comes with the store's
 *   migrations); not owned, it
 *   must outlive the log
 *
 * Returns: (transfer full): the audit log on @db
 */
PdAuditLog *
pd_audit_log_new (sqlite3 *db)
{
  PdAuditLog *self;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (PD_TYPE_AUDIT_LOG, NULL);
  self->db = db;
  return self;
}

gboolean
pd_audit_log_get_store_payload (PdAuditLog *self)
{
  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), FALSE);
  return self->store_payload;
}

void
pd_audit_log_set_store_payload (PdAuditLog *self,
                                gboolean    store_payload)
{
  g_return_if_fail (PD_IS_AUDIT_LOG (self));

  store_payload = !!store_payload;
  if (self->store_payload == store_payload)
    return;
  self->store_payload = store_payload;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_PAYLOAD]);
}

static gboolean
db_error (PdAuditLog  *self,
          GError     **error)
{
  g_set_error (error, PD_AUDIT_ERROR, PD_AUDIT_ERROR_DATABASE,
               _("The audit log could not be written or read: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
prepare (PdAuditLog  *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return db_error (self, error), NULL;
  return stmt;
}

/* sha256 (prev_hash, id, then every content column), each length-prefixed so that no
 * two different rows share an input. */
static char *
row_hash (const char *prev_hash,
          gint64      id,
          const char *content[N_CONTENT_COLUMNS - 1])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *parts[N_CONTENT_COLUMNS + 1] = { prev_hash, id_text };

  for (guint i = 0; i < N_CONTENT_COLUMNS - 1; i++)
    parts[i + 2] = content[i];
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      /* NULL (no payload) and "" must differ. */
      g_autofree char *prefix = parts[i] ? g_strdup_printf ("%zu:", strlen (parts[i])) : g_strdup ("-:");

      g_checksum_update (checksum, (const guchar *) prefix, -1);
      if (parts[i] != NULL)
        g_checksum_update (checksum, (const guchar *) parts[i], -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static const char *
source_nick (PdCodeSource source)
{
  static const char * const nicks[] = { "camera", "scanner", "image", "pdf", "typed", "clipboard" };

  return source < G_N_ELEMENTS (nicks) ? nicks[source] : "unknown";
}

static gboolean
last_row (PdAuditLog  *self,
          gint64      *last_id,
          char       **last_hash,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self,
                  "SELECT COALESCE ((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),"
                  " COALESCE ((SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1), ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, GENESIS_HASH, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error (self, error);
  *last_id = sqlite3_column_int64 (stmt, 0);
  *last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

static gint64
append_row (PdAuditLog  *self,
            const char  *content[N_CONTENT_COLUMNS - 1],
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 id;

  if (sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return db_error (self, error), -1;
  if (!last_row (self, &id, &prev_hash, error))
    goto rollback;
  id++;
  hash = row_hash (prev_hash, id, content);

  stmt = prepare (self, "INSERT INTO audit_log (id, time, operator, source, code_hash, verdict,"
                        " reason, payload, prev_hash, row_hash) VALUES (?,?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; i < N_CONTENT_COLUMNS - 1; i++)
    sqlite3_bind_text (stmt, i + 2, content[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      db_error (self, error);
      goto rollback;
    }
  return id;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return -1;
}

static gint64
append (PdAuditLog      *self,
        const char      *operator_name,
        PdCodeSource     source,
        const char      *code_hash,
        PdVerdictResult  verdict,
        const char      *reason,
        const char      *payload,
        GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  const char *content[N_CONTENT_COLUMNS - 1] = {
    time, operator_name, source_nick (source), code_hash,
    pd_verdict_result_to_nick (verdict), reason, payload,
  };

  return append_row (self, content, error);
}

/**
 * pd_audit_log_append:
 * @self: an audit log
 * @operator_name: who verified
 * @source: where the code came from
 * @code_hash: hex SHA-256 of the code (pd_verdict_get_code_hash())
 * @verdict: the overall result
 * @reason: the one-line reason shown
 * @error: return location for a #PD_AUDIT_ERROR
 *
 * Returns: the new row's id, or -1 with @error set
 */
gint64
pd_audit_log_append (PdAuditLog       *self,
                     const char       *operator_name,
                     PdCodeSource      source,
                     const char       *code_hash,
                     PdVerdictResult   verdict,
                     const char       *reason,
                     GError          **error)
{
  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), -1);
  g_return_val_if_fail (operator_name != NULL && code_hash != NULL && reason != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return append (self, operator_name, source, code_hash, verdict, reason, NULL, error);
}

/* As pd_audit_log_append(), from a verdict; keeps the code text only with store-payload. */
gint64
pd_audit_log_append_verdict (PdAuditLog  *self,
                             const char  *operator_name,
                             PdVerdict   *verdict,
                             GError     **error)
{
  PdCode *code;
  const char *reason;

  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), -1);
  g_return_val_if_fail (operator_name != NULL, -1);
  g_return_val_if_fail (PD_IS_VERDICT (verdict), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  code = pd_verdict_get_code (verdict);
  reason = pd_verdict_get_reason (verdict);
  /* The reason shown for an unknown code quotes what was read (a mistyped passport
   * number, say): the log keeps only the code's hash unless the officer opted in. */
  if (!self->store_payload && pd_code_get_format (code) == PD_CODE_FORMAT_UNKNOWN)
    reason = _("Not a work permit code");

  return append (self, operator_name, pd_code_get_source (code), pd_verdict_get_code_hash (verdict),
                 pd_verdict_get_result (verdict), reason,
                 self->store_payload ? pd_code_get_text (code) : NULL, error);
}

static gboolean
tampered (GError     **error,
          const char  *message)
{
  g_set_error_literal (error, PD_AUDIT_ERROR, PD_AUDIT_ERROR_TAMPERED, message);
  return FALSE;
}

/* One row against its predecessor; says which row is wrong and how. */
static gboolean
check_row (sqlite3_stmt  *stmt,
           gint64         expected_id,
           const char    *expected_prev,
           GError       **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *content[N_CONTENT_COLUMNS - 1];
  const char *prev = (const char *) sqlite3_column_text (stmt, 8);
  const char *stored = (const char *) sqlite3_column_text (stmt, 9);
  g_autofree char *hash = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < N_CONTENT_COLUMNS - 1; i++)
    content[i] = (const char *) sqlite3_column_text (stmt, i + 1);
  hash = row_hash (prev ? prev : "", id, content);

  if (id != expected_id)
    message = g_strdup_printf (_("Audit log tampered with: rows %lld to %lld were deleted"),
                               (long long) expected_id, (long long) id - 1);
  else if (g_strcmp0 (stored, hash) != 0)
    message = g_strdup_printf (_("Audit log tampered with: row %lld was altered"), (long long) id);
  else if (g_strcmp0 (prev, expected_prev) != 0)
    message = g_strdup_printf (_("Audit log tampered with: the row before row %lld was deleted or altered"),
                               (long long) id);
  return message == NULL || tampered (error, message);
}

/**
 * pd_audit_log_check:
 * @self: an audit log
 * @error: %PD_AUDIT_ERROR_TAMPERED naming the first bad row, or a database error
 *
 * Returns: whether the chain is intact from the first row to the last
 */
gboolean
pd_audit_log_check (PdAuditLog  *self,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  g_autofree char *last_hash = NULL;
  gint64 expected_id = 1, sequence = 0;
  int rc;

  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = prepare (self, "SELECT id, time, operator, source, code_hash, verdict, reason, payload,"
                        " prev_hash, row_hash FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!check_row (stmt, expected_id, expected_prev, error))
        return FALSE;
      g_free (expected_prev);
      expected_prev = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      expected_id++;
    }
  if (rc != SQLITE_DONE || !last_row (self, &sequence, &last_hash, error))
    return rc == SQLITE_DONE ? FALSE : db_error (self, error);

  if (sequence >= expected_id)
    {
      g_autofree char *message =
        g_strdup_printf (_("Audit log tampered with: rows %lld to %lld were deleted"),
                         (long long) expected_id, (long long) sequence);

      return tampered (error, message);
    }
  return TRUE;
}

/**
 * pd_audit_log_count_since:
 * @self: an audit log
 * @since: start of the shift
 * @error: return location for a #PD_AUDIT_ERROR
 *
 * Returns: how many verifications were logged at or after @since, -1 on error
 */
gint64
pd_audit_log_count_since (PdAuditLog  *self,
                          GDateTime   *since,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), -1);
  g_return_val_if_fail (since != NULL, -1);

  /* Times are stored in one fixed UTC format, so text order is time order. */
  utc = g_date_time_to_utc (since);
  time = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
  if ((stmt = prepare (self, "SELECT COUNT(*) FROM audit_log WHERE time >= ?", error)) == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, time, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return db_error (self, error), -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* RFC 4180 quoting; a cell a spreadsheet would run as a formula is defused, by the
 * same rule as every other CSV PermitDesk writes. */
static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    return;
  g_string_append_c (out, '"');
  if (pd_csv_is_formula (value))
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * pd_audit_log_export_csv:
 * @self: an audit log
 * @path: the file to write (replaced atomically, readable by the owner only)
 * @error: return location for an error
 *
 * Returns: whether the whole log was written
 */
gboolean
pd_audit_log_export_csv (PdAuditLog  *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new ("id,time,operator,source,code_sha256,verdict,reason,payload\r\n");
  int rc;

  g_return_val_if_fail (PD_IS_AUDIT_LOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = prepare (self, "SELECT id, time, operator, source, code_hash, verdict, reason, payload"
                        " FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      for (int i = 1; i < N_CONTENT_COLUMNS; i++)
        {
          g_string_append_c (out, ',');
          append_csv_field (out, (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append (out, "\r\n");
    }
  if (rc != SQLITE_DONE)
    return db_error (self, error);
  return pd_core_write_private_file (path, out->str, out->len, error);
}
