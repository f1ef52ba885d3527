/* pd-case-row.h: one case in the Cases list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE_ROW (pd_case_row_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseRow, pd_case_row, PD, CASE_ROW, GtkWidget)

PdCaseRow *pd_case_row_new      (void);
void       pd_case_row_set_case (PdCaseRow *self,
                                 PdCase    *case_);

char      *pd_format_deadline   (const GDate *deadline,
                                 const GDate *today,
                                 gboolean    *is_overdue,
                                 gboolean    *is_soon);

G_END_DECLS
