/* rules-test-common.h: helpers of the rules tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-checklist.h"

G_BEGIN_DECLS

char    *rules_test_source_dir  (void);
char    *rules_test_copy_rules  (void);
PdRules *rules_test_load        (const char *dir);
GDate   *rules_test_date        (const char *iso);
char    *rules_test_format_date  (const GDate *date);
void     rules_test_set_date    (GDate      *date,
                                 const char *iso);

G_END_DECLS
