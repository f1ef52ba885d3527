/* pd-csv.c: reading and writing CSV as spreadsheets write and read it
 *
 * Reads RFC 4180 and what spreadsheet programs export: a UTF-8 byte order mark,
 * ',' or ';' between fields (whichever the header line uses), quoted fields with
 * doubled quotes and line breaks inside, CRLF or LF line ends. Writes UTF-8 with
 * a BOM and CRLF, and defuses cells a spreadsheet would run as a formula.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-csv.h"

G_DEFINE_QUARK (pd-csv-error-quark, pd_csv_error)

#define BOM "\xEF\xBB\xBF"

/* The separator the first line uses most, outside quotes. */
static char
sniff_separator (const char *p,
                 const char *end)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

static GPtrArray *
new_row (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* A row becomes a string vector, and a blank line nothing. */
static void
end_row (GPtrArray *rows,
         GPtrArray *row)
{
  if (row->len == 1 && *(const char *) g_ptr_array_index (row, 0) == '\0')
    {
      g_ptr_array_unref (row);
      return;
    }

  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
}

/* Parses @data into rows, each a NULL-terminated string vector; blank lines are
 * skipped. Fails on text that is not UTF-8 and on an unterminated quote. */
GPtrArray *
pd_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) field = g_string_new (NULL);
  GPtrArray *row;
  const char *p = data, *end = data + length;
  gboolean quoted = FALSE;
  guint line = 1;
  char separator;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, BOM, 3) == 0)
    p += 3;

  if (!g_utf8_validate (p, end - p, NULL))
    {
      g_set_error_literal (error, PD_CSV_ERROR, PD_CSV_ERROR_ENCODING,
                           _("The file is not UTF-8 text. In the spreadsheet, save it as “CSV UTF-8”."));
      return NULL;
    }

  separator = sniff_separator (p, end);
  row = new_row ();
  for (; p < end; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '"' && p + 1 < end && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (c == '"')
            quoted = FALSE;
          else
            {
              line += c == '\n';
              g_string_append_c (field, c);
            }
        }
      else if (c == '"' && field->len == 0)
        quoted = TRUE;
      else if (c == separator)
        g_ptr_array_add (row, g_strdup (field->str)), g_string_truncate (field, 0);
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          line++;
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          end_row (rows, row);
          row = new_row ();
        }
      else
        g_string_append_c (field, c);
    }

  if (quoted)
    {
      g_ptr_array_unref (row);
      g_set_error (error, PD_CSV_ERROR, PD_CSV_ERROR_SYNTAX,
                   _("A quoted field that starts on line %u is never closed."), line);
      return NULL;
    }

  if (field->len > 0 || row->len > 0)
    {
      g_ptr_array_add (row, g_strdup (field->str));
      end_row (rows, row);
    }
  else
    g_ptr_array_unref (row);

  if (rows->len == 0)
    {
      g_set_error_literal (error, PD_CSV_ERROR, PD_CSV_ERROR_EMPTY, _("The file holds no rows."));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* A cell starting with one of these runs as a formula in spreadsheets (CSV
 * injection): it is written with a leading apostrophe, which they display as text.
 * Every CSV writer of PermitDesk asks this one function. */
gboolean
pd_csv_is_formula (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* Appends one row; the first row of an empty @out starts with a BOM so that
 * spreadsheets read the file as UTF-8. */
void
pd_csv_append_row (GString            *out,
                   const char * const *fields,
                   guint               n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  if (out->len == 0)
    g_string_append (out, BOM);

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = fields[i] != NULL ? fields[i] : "";
      gboolean formula = pd_csv_is_formula (text);
      gboolean quote = formula || strpbrk (text, ",;\"\r\n") != NULL;

      if (i > 0)
        g_string_append_c (out, ',');
      if (quote)
        g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      if (quote)
        g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}
