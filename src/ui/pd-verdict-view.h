/* pd-verdict-view.h: the verdict, big and readable from a step away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-verdict.h"

G_BEGIN_DECLS

typedef enum {
  PD_VERDICT_VIEW_ROLE_OFFICER,
  PD_VERDICT_VIEW_ROLE_HR,
} PdVerdictViewRole;

#define PD_TYPE_VERDICT_VIEW_ROLE (pd_verdict_view_role_get_type ())
GType pd_verdict_view_role_get_type (void);

#define PD_TYPE_VERDICT_VIEW (pd_verdict_view_get_type ())
G_DECLARE_FINAL_TYPE (PdVerdictView, pd_verdict_view, PD, VERDICT_VIEW, GtkWidget)

GtkWidget         *pd_verdict_view_new          (void);
PdVerdict         *pd_verdict_view_get_verdict  (PdVerdictView     *self);
void               pd_verdict_view_set_verdict  (PdVerdictView     *self,
                                                 PdVerdict         *verdict);
PdVerdictViewRole  pd_verdict_view_get_role     (PdVerdictView     *self);
void               pd_verdict_view_set_role     (PdVerdictView     *self,
                                                 PdVerdictViewRole  role);
const char        *pd_verdict_view_get_operator (PdVerdictView     *self);
void               pd_verdict_view_set_operator (PdVerdictView     *self,
                                                 const char        *operator_name);

G_END_DECLS
