/* pd-rules-validate.c: checks rule files against the schema, then together, at build time
 *
 * Usage: pd-rules-validate RULES-DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>

#include "pd-rules.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdRules) rules = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (argc != 2)
    {
      g_printerr ("Usage: %s RULES-DIR\n", argv[0]);
      return 2;
    }

  /* A reload parses every file, validates it against schema.json and checks every
   * reference between files; the first problem is reported with file and place. */
  rules = pd_rules_new (argv[1]);
  if (!pd_rules_reload (rules, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("rules valid: %s\n", pd_rules_get_version (rules));
  return 0;
}
