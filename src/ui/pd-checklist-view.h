/* pd-checklist-view.h: the applicant's guided questions and document checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-checklist.h"

G_BEGIN_DECLS

#define PD_TYPE_CHECKLIST_VIEW (pd_checklist_view_get_type ())
G_DECLARE_FINAL_TYPE (PdChecklistView, pd_checklist_view, PD, CHECKLIST_VIEW, AdwBin)

GtkWidget   *pd_checklist_view_new            (PdRules         *rules);
PdRules     *pd_checklist_view_get_rules      (PdChecklistView *self);
PdChecklist *pd_checklist_view_get_checklist  (PdChecklistView *self);
const PdChecklistQuery *pd_checklist_view_get_query (PdChecklistView *self);

G_END_DECLS
