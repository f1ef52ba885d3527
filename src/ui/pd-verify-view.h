/* pd-verify-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-camera.h"
#include "pd-code.h"

G_BEGIN_DECLS

#define PD_TYPE_VERIFY_VIEW (pd_verify_view_get_type ())
G_DECLARE_FINAL_TYPE (PdVerifyView, pd_verify_view, PD, VERIFY_VIEW, AdwBin)

GtkWidget *pd_verify_view_new           (void);
PdCamera  *pd_verify_view_get_camera    (PdVerifyView *self);
PdCode    *pd_verify_view_get_last_code (PdVerifyView *self);
gboolean   pd_verify_view_get_paused    (PdVerifyView *self);
void       pd_verify_view_set_paused    (PdVerifyView *self,
                                         gboolean      paused);
void       pd_verify_view_open_file     (PdVerifyView *self,
                                         GFile        *file);

G_END_DECLS
