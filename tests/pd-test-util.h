/* pd-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *pd_test_make_tmpdir (const char *template_name);
void  pd_test_rm_rf       (const char *path);
char *pd_test_srcpath     (const char *first_element,
                           ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
