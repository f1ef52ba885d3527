/* hr-test-common.h: generated cases for the HR tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-model.h"
#include "pd-store.h"

G_BEGIN_DECLS

PdCase *hr_test_make_case   (guint     index);
void    hr_test_fill_store  (PdStore  *store,
                             guint     n_cases);

G_END_DECLS
