/* pd-case-list.h: a GListModel of cases, with lookup by id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE_LIST (pd_case_list_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseList, pd_case_list, PD, CASE_LIST, GObject)

PdCaseList *pd_case_list_new           (void);
void        pd_case_list_append        (PdCaseList       *self,
                                        PdCase           *item);
void        pd_case_list_append_all    (PdCaseList       *self,
                                        PdCase   * const *items,
                                        guint             n_items);
void        pd_case_list_insert        (PdCaseList       *self,
                                        guint             position,
                                        PdCase           *item);
guint       pd_case_list_insert_sorted (PdCaseList       *self,
                                        PdCase           *item,
                                        GCompareDataFunc  compare_func,
                                        gpointer          user_data);
gboolean    pd_case_list_remove        (PdCaseList       *self,
                                        PdCase           *item);
void        pd_case_list_remove_all    (PdCaseList       *self);
PdCase     *pd_case_list_lookup        (PdCaseList       *self,
                                        const char       *id);
gboolean    pd_case_list_find          (PdCaseList       *self,
                                        PdCase           *item,
                                        guint            *position);

G_END_DECLS
