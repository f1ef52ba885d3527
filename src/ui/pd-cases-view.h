/* pd-cases-view.h: the Cases view: dashboard, filters, the case table and a detail pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-case-filter.h"
#include "pd-case-index.h"
#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASES_VIEW (pd_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (PdCasesView, pd_cases_view, PD, CASES_VIEW, AdwBin)

typedef struct {
  guint overdue;
  guint due_week;
  guint awaiting_filing;
  guint legacy;
  guint pending_sync;
} PdDashboardCounts;

void                pd_cases_view_set_store          (PdCasesView        *self,
                                                      PdStore            *store,
                                                      const GError       *store_error);
GListModel         *pd_cases_view_get_visible_cases  (PdCasesView        *self);
void                pd_cases_view_set_search_text    (PdCasesView        *self,
                                                      const char         *text);
const PdCaseFilter *pd_cases_view_get_filter         (PdCasesView        *self);
void                pd_cases_view_set_filter         (PdCasesView        *self,
                                                      const PdCaseFilter *filter);
void                pd_cases_view_sort_by            (PdCasesView        *self,
                                                      const char         *column_id,
                                                      GtkSortType         order);
void                pd_cases_view_select_case        (PdCasesView        *self,
                                                      PdCase             *case_);
void                pd_cases_view_select_cases       (PdCasesView        *self,
                                                      PdCase            **cases,
                                                      guint               n_cases);
PdCase             *pd_cases_view_get_selected_case  (PdCasesView        *self);
GPtrArray          *pd_cases_view_get_selected_cases (PdCasesView        *self);
PdCaseIndex        *pd_cases_view_get_index          (PdCasesView        *self);
void                pd_cases_view_get_dashboard      (PdCasesView        *self,
                                                      PdDashboardCounts  *counts);
gboolean            pd_cases_view_is_warm            (PdCasesView        *self);
GtkWidget          *pd_cases_view_import_file        (PdCasesView        *self,
                                                      GFile              *file);
gboolean            pd_cases_view_export_file        (PdCasesView        *self,
                                                      const char         *path,
                                                      GError            **error);
guint               pd_cases_view_send_reminders     (PdCasesView        *self);
GtkColumnView      *pd_cases_view_get_column_view    (PdCasesView        *self);

G_END_DECLS
