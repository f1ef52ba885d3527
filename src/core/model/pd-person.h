/* pd-person.h: a foreign national, the subject of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_PERSON (pd_person_get_type ())

G_DECLARE_FINAL_TYPE (PdPerson, pd_person, PD, PERSON, GObject)

PdPerson   *pd_person_new                 (void);
PdPerson   *pd_person_copy                (PdPerson *self);
gboolean    pd_person_equal               (PdPerson *self,
                                           PdPerson *other);
const char *pd_person_get_id              (PdPerson *self);
const char *pd_person_get_name_zh         (PdPerson *self);
void        pd_person_set_name_zh         (PdPerson   *self,
                                           const char *name_zh);
const char *pd_person_get_name_latin      (PdPerson *self);
void        pd_person_set_name_latin      (PdPerson   *self,
                                           const char *name_latin);
const char *pd_person_get_nationality     (PdPerson *self);
void        pd_person_set_nationality     (PdPerson   *self,
                                           const char *nationality);
const char *pd_person_get_passport_number (PdPerson *self);
void        pd_person_set_passport_number (PdPerson   *self,
                                           const char *passport_number);
GDate      *pd_person_get_date_of_birth   (PdPerson *self);
void        pd_person_set_date_of_birth   (PdPerson    *self,
                                           const GDate *date_of_birth);
const char *pd_person_get_email           (PdPerson *self);
void        pd_person_set_email           (PdPerson   *self,
                                           const char *email);
char       *pd_person_dup_display_name    (PdPerson   *self);

G_END_DECLS
