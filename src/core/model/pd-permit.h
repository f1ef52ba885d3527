/* pd-permit.h: an issued work permit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_PERMIT (pd_permit_get_type ())

G_DECLARE_FINAL_TYPE (PdPermit, pd_permit, PD, PERMIT, GObject)

PdPermit         *pd_permit_new             (void);
PdPermit         *pd_permit_copy            (PdPermit *self);
gboolean          pd_permit_equal           (PdPermit *self,
                                             PdPermit *other);
const char       *pd_permit_get_id          (PdPermit *self);
const char       *pd_permit_get_number      (PdPermit *self);
void              pd_permit_set_number      (PdPermit   *self,
                                             const char *number);
PdPermitCategory  pd_permit_get_category    (PdPermit *self);
void              pd_permit_set_category    (PdPermit         *self,
                                             PdPermitCategory  category);
GDate            *pd_permit_get_valid_from  (PdPermit *self);
void              pd_permit_set_valid_from  (PdPermit    *self,
                                             const GDate *valid_from);
GDate            *pd_permit_get_valid_until (PdPermit *self);
void              pd_permit_set_valid_until (PdPermit    *self,
                                             const GDate *valid_until);
PdPermitStatus    pd_permit_get_status      (PdPermit *self);
void              pd_permit_set_status      (PdPermit       *self,
                                             PdPermitStatus  status);

G_END_DECLS
