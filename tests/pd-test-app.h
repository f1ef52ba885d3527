/* pd-test-app.h: the PermitDesk application started for a window test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-application.h"
#include "pd-window.h"

G_BEGIN_DECLS

PdApplication *pd_test_app_start (PdWindow **window);

G_END_DECLS
