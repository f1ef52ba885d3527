/* pd-case-rows.h: the rows of the Cases table, for its widgets, and their selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pd-case-table.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE_ROW (pd_case_row_get_type ())
G_DECLARE_FINAL_TYPE (PdCaseRow, pd_case_row, PD, CASE_ROW, GObject)

PdCase     *pd_case_row_get_case      (PdCaseRow   *self);
guint       pd_case_row_get_position  (PdCaseRow   *self);

#define PD_TYPE_CASE_ROWS (pd_case_rows_get_type ())
G_DECLARE_FINAL_TYPE (PdCaseRows, pd_case_rows, PD, CASE_ROWS, GObject)

PdCaseRows *pd_case_rows_new          (PdCaseTable *table);
PdCaseTable *pd_case_rows_get_table   (PdCaseRows  *self);
void        pd_case_rows_refresh      (PdCaseRows  *self);

G_END_DECLS
