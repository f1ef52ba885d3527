/* pd-filing.h: an in-person submission of documents at a city window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_FILING (pd_filing_get_type ())

G_DECLARE_FINAL_TYPE (PdFiling, pd_filing, PD, FILING, GObject)

PdFiling   *pd_filing_new             (void);
PdFiling   *pd_filing_copy            (PdFiling *self);
gboolean    pd_filing_equal           (PdFiling *self,
                                       PdFiling *other);
const char *pd_filing_get_id          (PdFiling *self);
const char *pd_filing_get_city        (PdFiling *self);
void        pd_filing_set_city        (PdFiling   *self,
                                       const char *city);
const char *pd_filing_get_office      (PdFiling *self);
void        pd_filing_set_office      (PdFiling   *self,
                                       const char *office);
GDateTime  *pd_filing_get_appointment (PdFiling *self);
void        pd_filing_set_appointment (PdFiling  *self,
                                       GDateTime *appointment);
gboolean    pd_filing_get_done        (PdFiling *self);
void        pd_filing_set_done        (PdFiling *self,
                                       gboolean  done);
const char *pd_filing_get_notes       (PdFiling *self);
void        pd_filing_set_notes       (PdFiling   *self,
                                       const char *notes);

G_END_DECLS
