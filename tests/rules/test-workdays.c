/* test-workdays.c: working-day arithmetic across Chinese public holidays
 *
 * Expected dates are counted by hand from the State Council holiday notices
 * for 2025 and 2026 (data/rules/holidays-cn.json cites them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rules-test-common.h"

static PdRules *rules;

static char *
add (const char *from,
     int         n)
{
  g_autoptr(GDate) start = rules_test_date (from);
  g_autoptr(GDate) result = pd_workdays_add (pd_rules_get_calendar (rules), start, n);

  return rules_test_format_date (result);
}

static gboolean
is_working (const char *iso)
{
  g_autoptr(GDate) date = rules_test_date (iso);

  return pd_work_calendar_is_working_day (pd_rules_get_calendar (rules), date);
}

static void
test_spring_festival_2025 (void)
{
  g_autofree char *first = add ("2025-01-24", 1);
  g_autofree char *third = add ("2025-01-24", 3);
  g_autofree char *tenth = add ("2025-01-24", 10);
  g_autofree char *change = add ("2025-01-27", 10);

  /* Sunday 26 January is an adjusted working day, 28 January to 4 February are off. */
  g_assert_cmpstr (first, ==, "2025-01-26");
  g_assert_cmpstr (third, ==, "2025-02-05");
  g_assert_cmpstr (tenth, ==, "2025-02-13");
  g_assert_cmpstr (change, ==, "2025-02-17");
  g_assert_true (is_working ("2025-02-08"));
  g_assert_false (is_working ("2025-01-28"));
  g_assert_false (is_working ("2025-02-04"));
}

static void
test_spring_festival_2026 (void)
{
  g_autofree char *tenth = add ("2026-02-12", 10);
  g_autofree char *second = add ("2026-02-12", 2);
  g_autofree char *third = add ("2026-02-12", 3);

  /* Saturday 14 February and 28 February are worked, 15 to 23 February are off. */
  g_assert_cmpstr (second, ==, "2026-02-14");
  g_assert_cmpstr (third, ==, "2026-02-24");
  g_assert_cmpstr (tenth, ==, "2026-03-04");
  g_assert_false (is_working ("2026-02-23"));
  g_assert_true (is_working ("2026-02-28"));
}

static void
test_national_day (void)
{
  g_autofree char *in_2025 = add ("2025-09-26", 10);
  g_autofree char *in_2026 = add ("2026-09-18", 10);

  /* 2025: 1 to 8 October off, Sunday 28 September and Saturday 11 October worked. */
  g_assert_cmpstr (in_2025, ==, "2025-10-16");
  /* 2026: Mid-Autumn 25 to 27 September and 1 to 7 October off,
   * Sunday 20 September and Saturday 10 October worked. */
  g_assert_cmpstr (in_2026, ==, "2026-10-09");
  g_assert_false (is_working ("2025-10-08"));
  g_assert_true (is_working ("2025-10-11"));
  g_assert_true (is_working ("2024-09-29"));
}

static void
test_backwards (void)
{
  g_autofree char *before = add ("2025-02-05", -1);
  g_autofree char *ordinary = add ("2025-03-10", -1);

  g_assert_cmpstr (before, ==, "2025-01-27");
  g_assert_cmpstr (ordinary, ==, "2025-03-07");
}

static void
test_roll_forward (void)
{
  g_autoptr(GDate) date = rules_test_date ("2025-10-01");
  g_autofree char *rolled = NULL;

  pd_workdays_roll_forward (pd_rules_get_calendar (rules), date);
  rolled = rules_test_format_date (date);
  g_assert_cmpstr (rolled, ==, "2025-10-09");
}

static void
test_unconfirmed_years (void)
{
  g_autoptr(GDate) in_2025 = rules_test_date ("2025-06-01");
  g_autoptr(GDate) in_2027 = rules_test_date ("2027-06-01");
  g_autoptr(GDate) in_2031 = rules_test_date ("2031-06-01");
  PdWorkCalendar *calendar = pd_rules_get_calendar (rules);

  g_assert_true (pd_work_calendar_is_confirmed (calendar, in_2025));
  g_assert_false (pd_work_calendar_is_confirmed (calendar, in_2027));
  g_assert_false (pd_work_calendar_is_confirmed (calendar, in_2031));
  /* 2027 has its statutory days even before the notice: Spring Festival eve. */
  g_assert_false (is_working ("2027-02-05"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = rules_test_source_dir ();
  rules = rules_test_load (dir);

  g_test_add_func ("/rules/workdays/spring-festival-2025-is-skipped", test_spring_festival_2025);
  g_test_add_func ("/rules/workdays/spring-festival-2026-is-skipped", test_spring_festival_2026);
  g_test_add_func ("/rules/workdays/national-day-is-skipped", test_national_day);
  g_test_add_func ("/rules/workdays/counting-backwards", test_backwards);
  g_test_add_func ("/rules/workdays/holiday-end-rolls-to-next-working-day", test_roll_forward);
  g_test_add_func ("/rules/workdays/unannounced-years-are-not-confirmed", test_unconfirmed_years);

  status = g_test_run ();
  g_object_unref (rules);
  return status;
}
