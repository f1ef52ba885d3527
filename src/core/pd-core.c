/* pd-core.c: process-wide helpers of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-core.h"

/* The folder that holds the database and every downloaded or attached file.
 * PERMITDESK_DATA_DIR overrides it so tests and demos never touch the user's data;
 * it is read on every call so a test can move between folders. */
const char *
pd_core_get_data_dir (void)
{
  const char *env = g_getenv ("PERMITDESK_DATA_DIR");
  g_autofree char *dir = NULL;

  if (env != NULL && *env != '\0')
    dir = g_canonicalize_filename (env, NULL);
  else
    dir = g_build_filename (g_get_user_data_dir (), "permitdesk", NULL);

  return g_intern_string (dir);
}

/* Permit data is personal data: the folder is private to the user. */
gboolean
pd_core_ensure_data_dir (GError **error)
{
  const char *dir = pd_core_get_data_dir ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the data folder “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writes a file readable by its owner only (0600), atomically: a crash or a full
 * disk leaves either the old file or the new one, never half of it. */
gboolean
pd_core_write_private_file (const char  *path,
                            const void  *data,
                            gsize        len,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* The first eight bytes of @text, big-endian, zero-padded: in strcmp() order
 * (inexact: longer strings may share them); NULL sorts last. */
guint64
pd_core_string_sort_key (const char *text)
{
  guint64 key = 0;

  if (text == NULL)
    return G_MAXUINT64;

  for (guint i = 0; i < 8; i++)
    {
      key <<= 8;
      if (*text != '\0')
        key |= (guchar) *text++;
    }
  return key;
}
