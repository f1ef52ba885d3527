/* pd-store-load.h: reading every case at open, fast (internal to the store)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-case-list.h"
#include "pd-store-private.h"

G_BEGIN_DECLS

gboolean pd_store_load_all (PdStore     *self,
                            PdCaseList  *cases,
                            GError     **error);

G_END_DECLS
