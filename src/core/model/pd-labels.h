/* pd-labels.h: translated names of the model's enumerations, for the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

const char *pd_case_kind_to_label         (PdCaseKind       kind);
const char *pd_case_status_to_label       (PdCaseStatus     status);
const char *pd_permit_category_to_label   (PdPermitCategory category);
const char *pd_permit_status_to_label     (PdPermitStatus   status);
const char *pd_document_state_to_label    (PdDocumentState  state);
const char *pd_document_auth_to_label     (PdDocumentAuth   auth);
const char *pd_city_to_label              (const char      *city);
char       *pd_city_dup_key               (const char      *city);

G_END_DECLS
