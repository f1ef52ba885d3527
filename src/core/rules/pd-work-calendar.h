/* pd-work-calendar.h: working days in mainland China (holidays and adjusted weekends)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PD_TYPE_WORK_CALENDAR (pd_work_calendar_get_type ())

typedef struct _PdWorkCalendar PdWorkCalendar;

GType           pd_work_calendar_get_type       (void) G_GNUC_CONST;
PdWorkCalendar *pd_work_calendar_new            (void);
PdWorkCalendar *pd_work_calendar_ref            (PdWorkCalendar *self);
void            pd_work_calendar_unref          (PdWorkCalendar *self);
void            pd_work_calendar_add_year       (PdWorkCalendar *self,
                                                 int             year,
                                                 gboolean        confirmed);
void            pd_work_calendar_add_day_off    (PdWorkCalendar *self,
                                                 const GDate    *date);
void            pd_work_calendar_add_working_day (PdWorkCalendar *self,
                                                 const GDate    *date);
gboolean        pd_work_calendar_is_working_day (PdWorkCalendar *self,
                                                 const GDate    *date);
gboolean        pd_work_calendar_is_confirmed   (PdWorkCalendar *self,
                                                 const GDate    *date);
GDate          *pd_workdays_add                 (PdWorkCalendar *cal,
                                                 const GDate    *from,
                                                 int             n);
void            pd_workdays_roll_forward        (PdWorkCalendar *cal,
                                                 GDate          *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdWorkCalendar, pd_work_calendar_unref)

G_END_DECLS
