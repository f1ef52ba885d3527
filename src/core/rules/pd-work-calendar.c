/* pd-work-calendar.c: working days in mainland China (holidays and adjusted weekends)
 *
 * A day is a working day when it is Monday to Friday and not a public holiday, or
 * when it is a weekend day the State Council moved to a working day (调休上班).
 * Days are kept as Julian day numbers in a table so that a lookup costs one index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include "pd-rules-private.h"

typedef enum {
  DAY_USUAL,
  DAY_OFF,
  DAY_WORKING,
} DayKind;

struct _PdWorkCalendar
{
  GByteArray *days;         /* DayKind, indexed by julian - first */
  guint32     first;        /* Julian day of days->data[0] */
  GHashTable *years;        /* year → GINT_TO_POINTER (confirmed + 1) */
};

G_DEFINE_BOXED_TYPE (PdWorkCalendar, pd_work_calendar,
                     pd_work_calendar_ref, pd_work_calendar_unref)

PdWorkCalendar *
pd_work_calendar_new (void)
{
  PdWorkCalendar *self = g_atomic_rc_box_new0 (PdWorkCalendar);

  self->days = g_byte_array_new ();
  self->years = g_hash_table_new (NULL, NULL);

  return self;
}

PdWorkCalendar *
pd_work_calendar_ref (PdWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
pd_work_calendar_clear (PdWorkCalendar *self)
{
  g_byte_array_unref (self->days);
  g_hash_table_unref (self->years);
}

void
pd_work_calendar_unref (PdWorkCalendar *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) pd_work_calendar_clear);
}

void
pd_work_calendar_add_year (PdWorkCalendar *self,
                           int             year,
                           gboolean        confirmed)
{
  g_return_if_fail (self != NULL);

  g_hash_table_insert (self->years, GINT_TO_POINTER (year), GINT_TO_POINTER (confirmed + 1));
}

static void
set_day (PdWorkCalendar *self,
         guint32         julian,
         DayKind         kind)
{
  guint8 usual = DAY_USUAL;

  if (self->days->len == 0)
    self->first = julian;

  /* Grow the table at the front or the back so that it covers julian. */
  while (julian < self->first)
    {
      g_byte_array_prepend (self->days, &usual, 1);
      self->first--;
    }
  while (julian >= self->first + self->days->len)
    g_byte_array_append (self->days, &usual, 1);

  self->days->data[julian - self->first] = kind;
}

void
pd_work_calendar_add_day_off (PdWorkCalendar *self,
                              const GDate    *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  set_day (self, g_date_get_julian (date), DAY_OFF);
}

void
pd_work_calendar_add_working_day (PdWorkCalendar *self,
                                  const GDate    *date)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  set_day (self, g_date_get_julian (date), DAY_WORKING);
}

static gboolean
is_working_julian (PdWorkCalendar *self,
                   guint32         julian)
{
  /* Julian day 1 (1 January of year 1) was a Monday. */
  guint weekday = (julian - 1) % 7;   /* 0 = Monday */

  if (julian >= self->first && julian < self->first + self->days->len)
    {
      guint8 kind = self->days->data[julian - self->first];

      if (kind == DAY_OFF)
        return FALSE;
      if (kind == DAY_WORKING)
        return TRUE;
    }

  return weekday < 5;
}

gboolean
pd_work_calendar_is_working_day (PdWorkCalendar *self,
                                 const GDate    *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return is_working_julian (self, g_date_get_julian (date));
}

/* FALSE when the year's holidays are not (yet) officially announced, or missing. */
gboolean
pd_work_calendar_is_confirmed (PdWorkCalendar *self,
                               const GDate    *date)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  value = g_hash_table_lookup (self->years, GINT_TO_POINTER (g_date_get_year (date)));

  return GPOINTER_TO_INT (value) == TRUE + 1;
}

guint32
pd_work_calendar_add_julian (PdWorkCalendar *cal,
                             guint32         julian,
                             int             n)
{
  int step = n < 0 ? -1 : 1;
  int left = ABS (n);

  while (left > 0)
    {
      julian += step;
      if (is_working_julian (cal, julian))
        left--;
    }

  return julian;
}

guint32
pd_work_calendar_roll_julian (PdWorkCalendar *cal,
                              guint32         julian)
{
  while (!is_working_julian (cal, julian))
    julian++;

  return julian;
}

/* The n-th working day after @from (before it when n < 0); @from itself never counts,
 * as in "within 10 working days of the change". */
GDate *
pd_workdays_add (PdWorkCalendar *cal,
                 const GDate    *from,
                 int             n)
{
  g_return_val_if_fail (cal != NULL, NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);

  return g_date_new_julian (pd_work_calendar_add_julian (cal, g_date_get_julian (from), n));
}

/* A period whose last day is a public holiday or a weekend ends on the next working
 * day (Civil Code, Article 203). */
void
pd_workdays_roll_forward (PdWorkCalendar *cal,
                          GDate          *date)
{
  g_return_if_fail (cal != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_date_set_julian (date, pd_work_calendar_roll_julian (cal, g_date_get_julian (date)));
}
