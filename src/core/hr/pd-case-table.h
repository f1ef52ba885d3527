/* pd-case-table.h: the cases of the HR table, sorted and filtered in one model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-case-filter.h"
#include "pd-case-index.h"

G_BEGIN_DECLS

/* The order of a column: negative, zero or positive, as strcmp(). */
typedef int (*PdCaseCompareFunc) (PdCase              *a,
                                  const PdCaseSummary *sa,
                                  PdCase              *b,
                                  const PdCaseSummary *sb);

/* A number per case in the order of a column: if a sorts before b, then
 * key (a) <= key (b). */
typedef guint64 (*PdCaseKeyFunc) (const PdCaseSummary *summary);


#define PD_TYPE_CASE_TABLE (pd_case_table_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseTable, pd_case_table, PD, CASE_TABLE, GObject)

PdCaseTable *pd_case_table_new        (PdCaseIndex        *index);
void         pd_case_table_set_index  (PdCaseTable        *self,
                                       PdCaseIndex        *index);
void         pd_case_table_set_model  (PdCaseTable        *self,
                                       GListModel         *cases);
void         pd_case_table_set_sort   (PdCaseTable        *self,
                                       PdCaseCompareFunc   compare,
                                       PdCaseKeyFunc       key,
                                       gboolean            exact_key,
                                       gboolean            complete,
                                       gboolean            descending);
void         pd_case_table_set_filter (PdCaseTable        *self,
                                       const PdCaseFilter *filter,
                                       gboolean            narrower);
void         pd_case_table_refresh    (PdCaseTable        *self);
PdCase      *pd_case_table_peek       (PdCaseTable        *self,
                                       guint               position);
void         pd_case_table_prepare_sort (PdCaseTable      *self,
                                         PdCaseCompareFunc compare,
                                         PdCaseKeyFunc     key,
                                         gboolean          complete);

G_END_DECLS
