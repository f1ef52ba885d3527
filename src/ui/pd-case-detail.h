/* pd-case-detail.h: the detail pane of the Cases view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-case-index.h"
#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE_DETAIL (pd_case_detail_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseDetail, pd_case_detail, PD, CASE_DETAIL, AdwBin)

void    pd_case_detail_set_case (PdCaseDetail *self,
                                 PdCase       *case_);
void    pd_case_detail_set_store (PdCaseDetail *self,
                                  PdStore      *store,
                                  PdCaseIndex  *index);
PdCase *pd_case_detail_get_case (PdCaseDetail *self);

G_END_DECLS
