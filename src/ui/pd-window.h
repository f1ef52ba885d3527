/* pd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-application.h"
#include "pd-cases-view.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())

G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

PdWindow   *pd_window_new              (PdApplication *application);
void        pd_window_add_toast        (PdWindow      *self,
                                        AdwToast      *toast);
const char *pd_window_get_visible_view (PdWindow      *self);
void        pd_window_set_visible_view (PdWindow      *self,
                                        const char    *name);
PdCasesView *pd_window_get_cases_view  (PdWindow      *self);
gboolean    pd_window_show_case        (PdWindow      *self,
                                        const char    *case_id);

G_END_DECLS
