/* pd-case-event.h: the history of a case (created, status changes, sync)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-enums.h"
#include "pd-store.h"

G_BEGIN_DECLS

/* Nicks are what the case_events table stores. */
typedef enum {
  PD_CASE_EVENT_CREATED,
  PD_CASE_EVENT_STATUS_CHANGED,
  PD_CASE_EVENT_SYNCED,
} PdCaseEventKind;

typedef struct {
  PdCaseEventKind  kind;
  GDateTime       *at;
  PdCaseStatus     from_status;  /* for a status change */
  PdCaseStatus     status;       /* the status after the event */
} PdCaseEvent;

void        pd_case_event_free               (PdCaseEvent  *event);
GPtrArray  *pd_store_list_case_events        (PdStore      *self,
                                              const char   *case_id,
                                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCaseEvent, pd_case_event_free)

G_END_DECLS
