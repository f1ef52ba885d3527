/* pd-case-csv.h: cases to and from CSV files (bulk import with a preview, export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-model.h"
#include "pd-store.h"

G_BEGIN_DECLS

#define PD_CASE_CSV_ERROR (pd_case_csv_error_quark ())

typedef enum {
  PD_CASE_CSV_ERROR_COLUMNS,
  PD_CASE_CSV_ERROR_NOTHING_TO_IMPORT,
} PdCaseCsvError;

/* One data row of an import file, as the preview shows it. */
typedef struct {
  guint       row;     /* the spreadsheet's row number: the header is row 1 */
  PdCase     *item;    /* the case to be written; NULL when the row has errors */
  char       *name;    /* the person's name as the row gives it, for the preview */
  GPtrArray  *errors;  /* translated messages, empty when the row is fine */
} PdImportRow;

#define PD_TYPE_CASE_IMPORT (pd_case_import_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseImport, pd_case_import, PD, CASE_IMPORT, GObject)

GQuark              pd_case_csv_error_quark      (void);

PdCaseImport       *pd_case_import_new           (PdStore       *store);
gboolean            pd_case_import_load          (PdCaseImport  *self,
                                                  const char    *data,
                                                  gsize          length,
                                                  GError       **error);
gboolean            pd_case_import_load_file     (PdCaseImport  *self,
                                                  GFile         *file,
                                                  GError       **error);
guint               pd_case_import_get_n_rows    (PdCaseImport  *self);
const PdImportRow  *pd_case_import_get_row       (PdCaseImport  *self,
                                                  guint          position);
guint               pd_case_import_get_n_valid   (PdCaseImport  *self);
GPtrArray          *pd_case_import_commit        (PdCaseImport  *self,
                                                  GError       **error);

GBytes             *pd_case_csv_export           (GListModel    *cases);
gboolean            pd_case_csv_export_file      (GListModel    *cases,
                                                  const char    *path,
                                                  GError       **error);

G_END_DECLS
