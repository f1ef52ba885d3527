/* pd-validate.h: the rules a case must follow before it is saved or submitted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_MODEL_ERROR (pd_model_error_quark ())

typedef enum {
  PD_MODEL_ERROR_PERMIT_NUMBER,
  PD_MODEL_ERROR_PASSPORT_NUMBER,
  PD_MODEL_ERROR_DATES,
  PD_MODEL_ERROR_REQUIRED,
  PD_MODEL_ERROR_TRANSITION,
  PD_MODEL_ERROR_NATIONALITY,
} PdModelError;

GQuark   pd_model_error_quark           (void);

gboolean pd_validate_permit_number      (const char    *number,
                                         GError       **error);
gboolean pd_validate_passport_number    (const char    *number,
                                         GError       **error);
gboolean pd_validate_nationality        (const char    *code,
                                         GError       **error);
gboolean pd_validate_dates_in_order     (const GDate   *from,
                                         const GDate   *to,
                                         const char    *what,
                                         GError       **error);
gboolean pd_case_status_can_transition  (PdCaseStatus   from,
                                         PdCaseStatus   to);
gboolean pd_case_validate               (PdCase        *self,
                                         GError       **error);
gboolean pd_case_change_status          (PdCase        *self,
                                         PdCaseStatus   status,
                                         GError       **error);

G_END_DECLS
