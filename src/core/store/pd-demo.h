/* pd-demo.h: realistic, clearly marked demo data for an empty store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-store.h"

G_BEGIN_DECLS

/* How many cases pd_demo_fill_store() creates: one for each of 40 people, and a
 * residence permit case for 8 of them. */
#define PD_DEMO_N_CASES 48

gboolean pd_demo_fill_store (PdStore  *store,
                             GError  **error);

G_END_DECLS
