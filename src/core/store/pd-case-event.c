/* pd-case-event.c: the history of a case (created, status changes, sync)
 *
 * The store records an event in the same transaction as the save that caused
 * it (see pd-store.c); events hold statuses and times, no personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include "pd-case-event.h"
#include "pd-enum-types.h"
#include "pd-store-private.h"
#include "pd-store-row.h"

static const char SQL_SELECT_EVENTS[] =
  "SELECT kind, at, from_status, status FROM case_events WHERE case_id = :case_id ORDER BY id";


static const char SQL_COUNT_OUTBOX[] =
  "SELECT count(*) FROM outbox";

void
pd_case_event_free (PdCaseEvent *event)
{
  if (event == NULL)
    return;

  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event);
}

static int
enum_from_nick (GType       type,
                const char *nick,
                int         fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return value != NULL ? value->value : fallback;
}

/* The events of the case with @case_id, oldest first (PdCaseEvent). */
GPtrArray *
pd_store_list_case_events (PdStore     *self,
                           const char  *case_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_case_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = pd_store_prepare (self, SQL_SELECT_EVENTS, error);
  if (stmt == NULL)
    return NULL;

  pd_store_row_bind_text (stmt, ":case_id", case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdCaseEvent *event = g_new0 (PdCaseEvent, 1);

      event->kind = enum_from_nick (PD_TYPE_CASE_EVENT_KIND, (const char *) sqlite3_column_text (stmt, 0),
                                    PD_CASE_EVENT_STATUS_CHANGED);
      event->at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 1), NULL);
      if (event->at == NULL)
        event->at = g_date_time_new_from_unix_utc (0);
      event->from_status = enum_from_nick (PD_TYPE_CASE_STATUS, (const char *) sqlite3_column_text (stmt, 2),
                                           PD_CASE_STATUS_DRAFT);
      event->status = enum_from_nick (PD_TYPE_CASE_STATUS, (const char *) sqlite3_column_text (stmt, 3),
                                      PD_CASE_STATUS_DRAFT);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_step (self, stmt, error);
      return NULL;
    }

  return g_steal_pointer (&events);
}

/* Local changes waiting to be sent to the portal: the rows of the sync engine's
 * outbox table (src/core/portal/pd-sync-outbox.c). */
guint
pd_store_count_pending_changes (PdStore *self)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (PD_IS_STORE (self), 0);

  stmt = pd_store_prepare (self, SQL_COUNT_OUTBOX, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return (guint) CLAMP (n, 0, G_MAXUINT);
}
