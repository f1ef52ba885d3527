/* pd-employer.h: the company that employs the foreign national
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_EMPLOYER (pd_employer_get_type ())

G_DECLARE_FINAL_TYPE (PdEmployer, pd_employer, PD, EMPLOYER, GObject)

PdEmployer *pd_employer_new         (void);
PdEmployer *pd_employer_copy        (PdEmployer *self);
gboolean    pd_employer_equal       (PdEmployer *self,
                                     PdEmployer *other);
const char *pd_employer_get_id      (PdEmployer *self);
const char *pd_employer_get_name    (PdEmployer *self);
void        pd_employer_set_name    (PdEmployer *self,
                                     const char *name);
const char *pd_employer_get_name_en (PdEmployer *self);
void        pd_employer_set_name_en (PdEmployer *self,
                                     const char *name_en);
const char *pd_employer_get_uscc    (PdEmployer *self);
void        pd_employer_set_uscc    (PdEmployer *self,
                                     const char *uscc);
const char *pd_employer_get_city    (PdEmployer *self);
void        pd_employer_set_city    (PdEmployer *self,
                                     const char *city);

G_END_DECLS
