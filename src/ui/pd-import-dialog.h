/* pd-import-dialog.h: the preview of a CSV import, row by row, before anything is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-case-csv.h"

G_BEGIN_DECLS

#define PD_TYPE_IMPORT_DIALOG (pd_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdImportDialog, pd_import_dialog, PD, IMPORT_DIALOG, AdwWindow)

GtkWidget    *pd_import_dialog_new        (GtkWindow      *parent,
                                           PdCaseImport   *import);
PdCaseImport *pd_import_dialog_get_import (PdImportDialog *self);
GtkListBox   *pd_import_dialog_get_list   (PdImportDialog *self);
const char   *pd_import_dialog_get_error_text (PdImportDialog *self);

G_END_DECLS
