/* pd-csv.h: reading and writing CSV as spreadsheets write and read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PD_CSV_ERROR (pd_csv_error_quark ())

typedef enum {
  PD_CSV_ERROR_ENCODING,
  PD_CSV_ERROR_SYNTAX,
  PD_CSV_ERROR_EMPTY,
} PdCsvError;

GQuark     pd_csv_error_quark (void);
GPtrArray *pd_csv_parse       (const char          *data,
                               gsize                length,
                               GError             **error);
gboolean   pd_csv_is_formula  (const char          *text);
void       pd_csv_append_row  (GString             *out,
                               const char * const  *fields,
                               guint                n_fields);

G_END_DECLS
