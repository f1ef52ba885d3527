/* rules-test-common.c: helpers of the rules tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "pd-test-util.h"
#include "rules-test-common.h"

/* The rule files as checked in: data/rules in the source tree. */
char *
rules_test_source_dir (void)
{
  const char *root = g_getenv ("PD_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "rules", NULL);
}

/* A private copy of the rule files that a test may break. */
char *
rules_test_copy_rules (void)
{
  g_autofree char *source = rules_test_source_dir ();
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  char *copy = pd_test_make_tmpdir ("pd-rules-XXXXXX");
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from_path = g_build_filename (source, name, NULL);
      g_autofree char *to_path = g_build_filename (copy, name, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);
      g_autoptr(GError) error = NULL;

      g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return copy;
}

PdRules *
rules_test_load (const char *dir)
{
  g_autoptr(GError) error = NULL;
  PdRules *rules = pd_rules_new (dir);

  pd_rules_set_language (rules, "en");
  pd_rules_reload (rules, &error);
  g_assert_no_error (error);

  return rules;
}

void
rules_test_set_date (GDate      *date,
                     const char *iso)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL)
    return;

  g_assert_cmpint (sscanf (iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  g_date_set_dmy (date, d, m, y);
}

GDate *
rules_test_date (const char *iso)
{
  GDate *date = g_date_new ();

  rules_test_set_date (date, iso);
  return date;
}

char *
rules_test_format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}
