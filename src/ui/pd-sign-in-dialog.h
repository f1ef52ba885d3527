/* pd-sign-in-dialog.h: user name and password for the portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-portal-client.h"

G_BEGIN_DECLS

#define PD_TYPE_SIGN_IN_DIALOG (pd_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PdSignInDialog, pd_sign_in_dialog, PD, SIGN_IN_DIALOG, AdwWindow)

PdSignInDialog *pd_sign_in_dialog_new       (GtkWindow      *parent,
                                             PdPortalClient *client);
const char     *pd_sign_in_dialog_get_error (PdSignInDialog *self);

G_END_DECLS
