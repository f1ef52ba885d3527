/* pd-audit-log.h: append-only, hash-chained log of verifications (SQLite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "pd-code.h"
#include "pd-verdict.h"

G_BEGIN_DECLS

#define PD_AUDIT_ERROR (pd_audit_error_quark ())

typedef enum {
  PD_AUDIT_ERROR_DATABASE,
  PD_AUDIT_ERROR_TAMPERED,
} PdAuditError;

/* CREATE TABLE and triggers; the store runs it in its versioned migrations. */

#define PD_TYPE_AUDIT_LOG (pd_audit_log_get_type ())
G_DECLARE_FINAL_TYPE (PdAuditLog, pd_audit_log, PD, AUDIT_LOG, GObject)

GQuark      pd_audit_error_quark            (void);

PdAuditLog *pd_audit_log_new                (sqlite3          *db);
gboolean    pd_audit_log_get_store_payload  (PdAuditLog       *self);
void        pd_audit_log_set_store_payload  (PdAuditLog       *self,
                                             gboolean          store_payload);
gint64      pd_audit_log_append             (PdAuditLog       *self,
                                             const char       *operator_name,
                                             PdCodeSource      source,
                                             const char       *code_hash,
                                             PdVerdictResult   verdict,
                                             const char       *reason,
                                             GError          **error);
gint64      pd_audit_log_append_verdict     (PdAuditLog       *self,
                                             const char       *operator_name,
                                             PdVerdict        *verdict,
                                             GError          **error);
gboolean    pd_audit_log_check              (PdAuditLog       *self,
                                             GError          **error);
gint64      pd_audit_log_count_since        (PdAuditLog       *self,
                                             GDateTime        *since,
                                             GError          **error);
gboolean    pd_audit_log_export_csv         (PdAuditLog       *self,
                                             const char       *path,
                                             GError          **error);

G_END_DECLS
