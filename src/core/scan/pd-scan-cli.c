/* pd-scan-cli.c: permitdesk --decode FILE...
 *
 * One JSON object per line: one per code found, or one with "error" for a file that
 * gave none, so scripts can read the output line by line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-scan-cli.h"
#include "pd-scan-file.h"

static void
print_node (JsonBuilder *builder,
            FILE        *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *line = NULL;

  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  fprintf (out, "%s\n", line);
}

static void
print_code (const char *file,
            PdCode     *code,
            FILE       *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const PdPoint *corners;
  guint n_corners;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "page");
  if (pd_code_get_page (code) > 0)
    json_builder_add_int_value (builder, pd_code_get_page (code));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "symbology");
  json_builder_add_string_value (builder, pd_code_get_symbology (code));
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, pd_code_get_text (code));

  json_builder_set_member_name (builder, "corners");
  json_builder_begin_array (builder);
  corners = pd_code_get_corners (code, &n_corners);
  for (guint i = 0; i < n_corners; i++)
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, corners[i].x);
      json_builder_add_double_value (builder, corners[i].y);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  print_node (builder, out);
}

static void
print_error (const char *file,
             const char *message,
             FILE       *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  print_node (builder, out);
}

/* Decodes every file through the same path as the app. Returns 0 when every file
 * gave a code, 1 when some did not, 2 when no file was named. */
int
pd_scan_cli_decode (const char * const *files,
                    FILE               *out)
{
  g_autoptr(PdScanner) scanner = NULL;
  int status = 0;

  g_return_val_if_fail (out != NULL, 2);

  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "%s\n", _("Usage: permitdesk --decode FILE…"));
      return 2;
    }

  scanner = pd_scanner_new ();
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) codes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *display = g_filename_display_name (files[i]);

      codes = pd_scan_file (scanner, files[i], NULL, &error);
      if (codes == NULL)
        {
          print_error (display, error->message, out);
          status = 1;
          continue;
        }
      for (guint j = 0; j < codes->len; j++)
        print_code (display, g_ptr_array_index (codes, j), out);
    }
  fflush (out);
  return status;
}
