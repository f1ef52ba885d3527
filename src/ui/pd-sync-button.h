/* pd-sync-button.h: the portal sync state in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pd-sync-engine.h"

G_BEGIN_DECLS

#define PD_TYPE_SYNC_BUTTON (pd_sync_button_get_type ())

G_DECLARE_FINAL_TYPE (PdSyncButton, pd_sync_button, PD, SYNC_BUTTON, AdwBin)

void        pd_sync_button_set_engine      (PdSyncButton *self,
                                            PdSyncEngine *engine);
const char *pd_sync_button_get_status_text (PdSyncButton *self);

G_END_DECLS
