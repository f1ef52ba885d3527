/* pd-verify-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-camera.h"
#include "pd-audit-log.h"
#include "pd-code.h"
#include "pd-verdict-view.h"
#include "pd-verifier.h"

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
void       pd_verify_view_set_verification (PdVerifyView      *self,
                                            PdVerifier        *verifier,
                                            PdAuditLog        *audit_log);
void       pd_verify_view_set_operator  (PdVerifyView      *self,
                                         const char        *operator_name);
void       pd_verify_view_set_role      (PdVerifyView      *self,
                                         PdVerdictViewRole  role);
PdVerdict *pd_verify_view_get_verdict   (PdVerifyView      *self);

G_END_DECLS
