/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pd-application.h"

/* Run from the build tree (`_build/src/permitdesk`), the app finds its
 * translations and settings schema there instead of in the install prefix. */
static const char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;

  if (exe_dir != NULL && g_str_equal (exe_dir, BUILD_SRCDIR))
    {
      if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
        g_setenv ("GSETTINGS_SCHEMA_DIR", BUILD_DATADIR, TRUE);
      return BUILD_LOCALEDIR;
    }

  return LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdApplication) app = NULL;

  /* Under the plain C locale gettext ignores LANGUAGE and text is not UTF-8:
   * C.UTF-8 keeps the C conventions and lets LANGUAGE=zh_CN work. */
  if (g_strcmp0 (setlocale (LC_ALL, ""), "C") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, find_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = pd_application_new (APPLICATION_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
