/* pd-cases-view.h: the Cases view, a searchable list of cases and a detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASES_VIEW (pd_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (PdCasesView, pd_cases_view, PD, CASES_VIEW, AdwBin)

void        pd_cases_view_set_store          (PdCasesView  *self,
                                              PdStore      *store,
                                              const GError *store_error);
GListModel *pd_cases_view_get_visible_cases  (PdCasesView  *self);
void        pd_cases_view_set_search_text    (PdCasesView  *self,
                                              const char   *text);
void        pd_cases_view_select_case        (PdCasesView  *self,
                                              PdCase       *case_);
PdCase     *pd_cases_view_get_selected_case  (PdCasesView  *self);

G_END_DECLS
