/* pd-deadline-notifier.h: desktop notifications before case deadlines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-case-index.h"

G_BEGIN_DECLS

#define PD_TYPE_DEADLINE_NOTIFIER (pd_deadline_notifier_get_type ())

G_DECLARE_FINAL_TYPE (PdDeadlineNotifier, pd_deadline_notifier, PD, DEADLINE_NOTIFIER, GObject)

/* At most this many cases get a notification of their own; the rest are counted. */
#define PD_DEADLINE_NOTIFIER_MAX_SINGLE 3

PdDeadlineNotifier *pd_deadline_notifier_new   (GApplication       *application,
                                                GSettings          *settings,
                                                GListModel         *cases,
                                                PdCaseIndex        *index);
guint               pd_deadline_notifier_check (PdDeadlineNotifier *self,
                                                const GDate        *today);
void                pd_deadline_notifier_start (PdDeadlineNotifier *self);

G_END_DECLS
