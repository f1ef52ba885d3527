/* pd-case-editor.h: the dialog that adds or edits a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-types.h"

G_BEGIN_DECLS

#define PD_TYPE_CASE_EDITOR (pd_case_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdCaseEditor, pd_case_editor, PD, CASE_EDITOR, AdwWindow)

PdCaseEditor *pd_case_editor_new            (GtkWindow    *parent,
                                             PdStore      *store,
                                             PdCase       *case_);
gboolean      pd_case_editor_save           (PdCaseEditor *self,
                                             GError      **error);
const char   *pd_case_editor_get_error_text (PdCaseEditor *self);

gboolean      pd_parse_iso_date             (const char   *text,
                                             GDate        *date);

G_END_DECLS
